package io.parley.protocol.account;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.NameReservation;
import io.parley.crypto.Pg3Cipher;
import io.parley.protocol.RateLimitedLog;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before login, after USER: waits for {@code C PASS <encrypt(password, server key)>}; registers a
 * new user with its first valid password, checks an existing one's. Before any crypto, the
 * attempt must be within the account's and the address's budgets of failures
 * ({@link LoginThrottle}) and get a lane to the crypto threads ({@link CryptoLanes}). The password
 * is decrypted, {@linkplain Passwords prepared} and hashed on that lane and is never stored,
 * logged or kept.
 */
final class AwaitingPassword implements SessionState {

    /** Wrong passwords allowed; the next one closes the connection (spec: "Session"). */
    static final int MAX_FAILURES = 4;
    private static final Logger log = LoggerFactory.getLogger(AwaitingPassword.class);
    private static final RateLimitedLog WRONG = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());
    private static final RateLimitedLog REFUSED = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());

    private final AccountSession session;
    private int failures;

    AwaitingPassword(AccountSession session) {
        this.session = session;
    }

    /** A decrypted PASS: the prepared password, or the error frame it gets. */
    private record Decrypted(String password, String error) {}

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.is("PASS")) {
            return SessionState.refuse(session, this, "C PASS <encrypted password>");
        }
        String accountKey = session.account().isPresent() ? session.nameKey() : null;
        Optional<LoginThrottle.Refusal> refusal = session.services.throttle().refusal(accountKey, session.address());
        if (refusal.isPresent()) {
            session.metrics.loginThrottled();
            REFUSED.warn("Refusing logins " + (refusal.get().forAccount() ? "for " + session.name()
                    : "from " + session.address()) + ": too many wrong passwords");
            session.sendAndClose(refusal.get().frame(session.name()));
            return SessionState.next(this);
        }
        CryptoLanes.Admission admission = session.services.cryptoLanes().open(session.address());
        if (admission instanceof CryptoLanes.Refused refused) {
            REFUSED.warn("Refusing a login from " + session.address() + ": " + refused.frame());
            session.send(refused.frame());
            return SessionState.next(this);
        }
        CryptoLanes.Lane lane = (CryptoLanes.Lane) admission;
        return attempt(frame.argument(), lane).whenComplete((next, failure) -> lane.close());
    }

    private CompletionStage<SessionState> attempt(String payload, CryptoLanes.Lane lane) {
        return decrypt(payload, lane).thenCompose(decrypted -> {
            if (decrypted.error() != null) {
                session.send(decrypted.error());
                return SessionState.next(this);
            }
            return session.account().isPresent() ? check(decrypted.password(), lane)
                    : register(decrypted.password(), lane);
        });
    }

    private CompletionStage<Decrypted> decrypt(String payload, CryptoLanes.Lane lane) {
        return CompletableFuture.supplyAsync(() -> {
            byte[] clear;
            try {
                clear = Pg3Cipher.decrypt(payload, session.services.serverKeys().getPrivate());
            } catch (GeneralSecurityException e) {
                return new Decrypted(null, "C ERR 400 the password must be encrypted with the server's key");
            }
            return Passwords.decode(clear).map(password -> new Decrypted(password, null))
                    .orElse(new Decrypted(null, Passwords.NOT_UTF8));
        }, lane);
    }

    private CompletionStage<SessionState> check(String password, CryptoLanes.Lane lane) {
        String stored = session.account().orElseThrow().passwordHash();
        String prepared = Passwords.prepare(password);
        PasswordHasher hasher = session.services.hasher();
        CompletionStage<Boolean> matches = hasher.verify(prepared, stored, lane);
        if (!prepared.equals(password)) {
            // Hashed before passwords were prepared: such a hash is of the password as typed.
            matches = matches.thenCompose(ok -> ok ? CompletableFuture.completedFuture(true)
                    : hasher.verify(password, stored, lane));
        }
        return matches.thenCompose(ok -> {
            if (ok) {
                session.metrics.loginSucceeded();
                return session.login();
            }
            session.metrics.loginFailed();
            failures++;
            session.services.throttle().failed(session.nameKey(), session.address());
            WRONG.warn("Wrong password for " + session.name() + " from " + session.address());
            if (failures > MAX_FAILURES) {
                session.sendAndClose("C ERR 429 too many attempts");
            } else {
                session.send("C ERR 401 incorrect password");
            }
            return SessionState.next(this);
        });
    }

    private CompletionStage<SessionState> register(String password, CryptoLanes.Lane lane) {
        String prepared = Passwords.prepare(password);
        Optional<String> problem = Passwords.problemWithNew(prepared);
        if (problem.isPresent()) {
            session.send(problem.get());
            return SessionState.next(this);
        }
        String name = session.name();
        // USER checked the name, but a registration of it or of a look-alike (the store is unique
        // only by lower case) may have started since: hold the name until the account is stored.
        Optional<NameReservation> reservation = session.services.names().reserve(name);
        if (reservation.isEmpty()) {
            session.sendAndClose(registeredMeanwhile(name));
            return SessionState.next(this);
        }
        return session.services.hasher().hash(prepared, lane).thenCompose(hash -> {
            AccountRecord account = new AccountRecord(name, hash, Optional.empty());
            return session.services.accounts().create(account)
                    .handle((created, failure) -> failure == null)
                    .thenCompose(created -> created ? loginCreated(account, reservation.get())
                            : refuseTaken(name, reservation.get()));
        }).whenComplete((next, failure) -> {
            if (failure != null) {
                reservation.get().release(); // the hash failed: no account was created
            }
        });
    }

    private CompletionStage<SessionState> loginCreated(AccountRecord account, NameReservation reservation) {
        // From here the name is registered: whoever chats under it elsewhere is cut off.
        reservation.commit();
        session.identify(account.name(), Optional.of(account));
        session.metrics.loginSucceeded();
        return session.login();
    }

    private CompletionStage<SessionState> refuseTaken(String name, NameReservation reservation) {
        reservation.release();
        return refuseTaken(name);
    }

    private static String registeredMeanwhile(String name) {
        return "C ERR 409 " + name + " is, or looks like, a name registered meanwhile; connect again with another";
    }

    private CompletionStage<SessionState> refuseTaken(String name) {
        // Most likely someone registered the name between our USER and this PASS.
        session.sendAndClose(session.services.names().isRegistered(name)
                ? registeredMeanwhile(name)
                : "C ERR 503 could not register " + name + " now; connect again");
        return SessionState.next(this);
    }
}
