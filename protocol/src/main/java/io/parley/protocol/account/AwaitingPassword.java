package io.parley.protocol.account;

import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Passwords;
import io.parley.core.account.Registration;
import io.parley.crypto.Pg3Cipher;
import io.parley.protocol.CryptoLanes;
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
 * Before login, after USER: waits for {@code C PASS <encrypt(password, server key)>}, decrypts
 * it and hands it to the core's {@link io.parley.core.account.Accounts}, which registers a new
 * user with its first valid password or checks an existing one's. Before any crypto, the attempt
 * must be within the account's and the address's budgets of failures ({@link LoginThrottle}) and
 * get a lane to the crypto threads ({@link CryptoLanes}). The password is decrypted, prepared and
 * hashed on that lane and is never stored, logged or kept. Every continuation that changes the
 * session runs on its event loop.
 */
final class AwaitingPassword implements SessionState {

    /** Wrong passwords allowed; the next one closes the connection (spec: "Session"). */
    static final int MAX_FAILURES = 4;
    private static final Logger log = LoggerFactory.getLogger(AwaitingPassword.class);
    private static final RateLimitedLog WRONG = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());
    private static final RateLimitedLog REFUSED = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());

    private final AccountSession session;
    /** Event-loop only. */
    private int failures;

    AwaitingPassword(AccountSession session) {
        this.session = session;
    }

    /** A decrypted PASS: the decoded password, or the error frame it gets. */
    private record Decrypted(String password, String error) {}

    @Override
    public CompletionStage<SessionState> on(AccountFrame frame) {
        if (!frame.is("PASS")) {
            return SessionState.refuse(session, this, "C PASS <encrypted password>");
        }
        Optional<LoginThrottle.Refusal> refusal = session.services.accounts().refusal(session.account(), session.address());
        if (refusal.isPresent()) {
            session.metrics.loginThrottled();
            REFUSED.warn("Refusing logins " + (refusal.get().forAccount() ? "for " + session.name()
                    : "from " + session.address()) + ": too many wrong passwords");
            session.sendAndClose(AccountReplies.throttled(refusal.get(), session.name()));
            return SessionState.next(this);
        }
        CryptoLanes.Admission admission = session.services.cryptoLanes().open(session.address());
        if (admission instanceof CryptoLanes.Refused refused) {
            String error = refused.serverWide() ? "C ERR 503 the server is busy with other logins; try again"
                    : "C ERR 429 too many logins in progress from your address; try again";
            REFUSED.warn("Refusing a login from " + session.address() + ": " + error);
            session.send(error);
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
                    .orElse(new Decrypted(null, AccountReplies.NOT_UTF8));
        }, lane);
    }

    private CompletionStage<SessionState> check(String password, CryptoLanes.Lane lane) {
        return session.services.accounts().verify(session.account().orElseThrow(), password, session.address(), lane)
                .thenComposeAsync(ok -> {
                    if (ok) {
                        session.metrics.loginSucceeded();
                        return session.login();
                    }
                    session.metrics.loginFailed();
                    failures++;
                    WRONG.warn("Wrong password for " + session.name() + " from " + session.address());
                    if (failures > MAX_FAILURES) {
                        session.sendAndClose("C ERR 429 too many attempts");
                    } else {
                        session.send("C ERR 401 incorrect password");
                    }
                    return SessionState.next(this);
                }, session.onLoop);
    }

    private CompletionStage<SessionState> register(String password, CryptoLanes.Lane lane) {
        String name = session.name();
        return session.services.accounts().register(name, password, lane).thenComposeAsync(registration -> {
            if (registration instanceof Registration.Created created) {
                session.identify(created.account().name(), Optional.of(created.account()));
                session.metrics.loginSucceeded();
                return session.login();
            }
            if (registration instanceof Registration.BadPassword bad) {
                session.send(AccountReplies.badPassword(bad.problem(), session.services.accounts().minPasswordLength()));
            } else if (registration instanceof Registration.Taken) {
                session.sendAndClose("C ERR 409 " + name
                        + " is, or looks like, a name registered meanwhile; connect again with another");
            } else {
                session.sendAndClose("C ERR 503 could not register " + name + " now; connect again");
            }
            return SessionState.next(this);
        }, session.onLoop);
    }
}
