package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The one place that registers and verifies accounts, whichever protocol a user logs in with
 * (the account protocol's {@code PASS} today; IRC's SASL PLAIN or a browser login next): it
 * prepares passwords ({@link Passwords}), hashes and checks them through a
 * {@link PasswordHashing}, keeps the budgets of failed logins ({@link LoginThrottle}) and holds a
 * name while its registration is stored ({@link RegisteredNames#reserve}), so two registrations
 * of look-alike names cannot both succeed. The caller decodes the password from its wire form and
 * passes the executor the hashing runs on; no result depends on the thread it completes on.
 *
 * <p>Thread-safe; no method blocks its caller. Stages complete on the hashing executor or a
 * store thread: a caller with state of its own hops back to its thread.
 */
public final class Accounts {

    private final AccountStore store;
    private final RegisteredNames names;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final int minPasswordLength;

    public Accounts(AccountStore store, RegisteredNames names, PasswordHashing hashing, LoginThrottle throttle) {
        this(store, names, hashing, throttle, Passwords.MIN_LENGTH);
    }

    /** @param minPasswordLength the fewest code points a new password may have ({@link Passwords#MIN_LENGTH} but on test servers) */
    public Accounts(AccountStore store, RegisteredNames names, PasswordHashing hashing, LoginThrottle throttle,
            int minPasswordLength) {
        this.store = store;
        this.names = names;
        this.hashing = hashing;
        this.throttle = throttle;
        this.minPasswordLength = minPasswordLength;
    }

    /** The fewest code points a new password may have. */
    public int minPasswordLength() {
        return minPasswordLength;
    }

    /** The stored accounts (public keys, look-ups). */
    public AccountStore store() {
        return store;
    }

    /** The registered names, and the claims of connections that chat under names nobody owns. */
    public RegisteredNames names() {
        return names;
    }

    /** The account registered under {@code name} ({@link NameKeys#key folded}), if any. */
    public CompletionStage<Optional<AccountRecord>> find(String name) {
        return store.find(name);
    }

    /** Whether {@code name} is, or looks like, a registered name. */
    public boolean isRegistered(String name) {
        return names.isRegistered(name);
    }

    /**
     * Whether an attempt from {@code address} on {@code account} (empty: a new user) must be refused
     * without looking at the password: too many failures for the account or the address lately.
     */
    public Optional<LoginThrottle.Refusal> refusal(Optional<AccountRecord> account, String address) {
        return throttle.refusal(account.map(record -> NameKeys.key(record.name())).orElse(null), address);
    }

    /**
     * Whether {@code password} (decoded, not yet prepared) is {@code account}'s. A wrong one is
     * counted against the account's and the address's budgets. A hash stored before passwords were
     * prepared is of the password as typed, so that is tried too when preparing changes it.
     */
    public CompletionStage<Boolean> verify(AccountRecord account, String password, String address, Executor on) {
        String stored = account.passwordHash();
        String prepared = Passwords.prepare(password);
        CompletionStage<Boolean> matches = hashing.verify(prepared, stored, on);
        if (!prepared.equals(password)) {
            matches = matches.thenCompose(ok -> ok ? CompletableFuture.completedFuture(true)
                    : hashing.verify(password, stored, on));
        }
        return matches.thenApply(ok -> {
            if (!ok) {
                throttle.failed(NameKeys.key(account.name()), address);
            }
            return ok;
        });
    }

    /**
     * Registers {@code name} with {@code password} (decoded, not yet prepared). The name is held
     * from the check to the store's answer, so a look-alike registered meanwhile is refused
     * ({@link Registration.Taken}); once stored, the name is registered, and whoever chats under
     * it or a look-alike elsewhere is told ({@link NameHolder}). Fails as the hashing or the
     * store's unexpected failures do (nothing is registered then).
     */
    public CompletionStage<Registration> register(String name, String password, Executor on) {
        String prepared = Passwords.prepare(password);
        Optional<Passwords.Problem> problem = Passwords.problemWithNew(prepared, minPasswordLength);
        if (problem.isPresent()) {
            return CompletableFuture.completedFuture(new Registration.BadPassword(problem.get()));
        }
        // The name was free when the protocol checked it, but a registration of it or of a
        // look-alike (the store is unique only by lower case) may have started since.
        Optional<NameReservation> held = names.reserve(name);
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(new Registration.Taken());
        }
        NameReservation reservation = held.get();
        return hashing.hash(prepared, on).thenCompose(hash -> {
            AccountRecord account = new AccountRecord(name, hash, Optional.empty());
            return store.create(account).handle((created, failure) -> {
                if (failure != null) {
                    reservation.release();
                    // Most likely a registration of the name (or, in a cluster, of a look-alike on
                    // another node) beat us to the store.
                    return names.isRegistered(name) || NameTakenException.in(failure) ? new Registration.Taken()
                            : new Registration.NotNow();
                }
                reservation.commit(); // from here whoever chats under the name elsewhere is cut off
                return (Registration) new Registration.Created(account);
            });
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                reservation.release(); // the hash failed: no account was created
            }
        });
    }

    /** Stores {@code publicKey} as the key private messages to {@code name} are encrypted with. */
    public CompletionStage<Void> setPublicKey(String name, String publicKey) {
        return store.setPublicKey(name, publicKey);
    }
}
