package io.parley.protocol;

import io.parley.core.Store;
import io.parley.core.account.Accounts;
import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Passwords;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessageQuota;
import io.parley.core.account.PrivateMessages;
import io.parley.core.account.RegisteredNames;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The accounts every protocol logs users in against, one set per server: one {@link Accounts}
 * (one Argon2id hasher, one {@link LoginThrottle}, so a wrong password over IRC's SASL counts
 * like one over the account protocol), one {@link PrivateMessages} (one quota per sender, on the
 * server's one {@link Presence}) and one set of {@link CryptoLanes} to the crypto threads. The
 * server builds it once ({@link ModuleContext#accounts}); no protocol builds its own.
 * Thread-safe.
 */
public record SharedAccounts(Accounts accounts, PrivateMessages privateMessages, CryptoLanes cryptoLanes) {

    /**
     * The {@code account.*} settings that are the server's, not one protocol's (their keys are the
     * account module's, {@code parley.conf} and {@code docs/limits.md} document them).
     *
     * @param argon2MemoryKib the memory cost of new password hashes, in KiB
     * @param argon2Iterations the time cost (passes) of new password hashes
     * @param failuresPerAccount wrong passwords an account may get per window, from anywhere
     * @param failuresPerAddress the same per client address, whatever the accounts
     * @param failureWindowSeconds that window, from the first failure counted
     * @param inProgressPerAddress password checks in progress at once from one address
     * @param inProgressTotal the same for the whole server
     * @param privateBytesPerDay bytes of private messages stored per sender per day
     * @param minPasswordLength the fewest characters a new password may have (lower it on test
     *     servers only: irctest registers 6-character passwords)
     */
    public record Settings(int argon2MemoryKib, int argon2Iterations, int failuresPerAccount, int failuresPerAddress,
            int failureWindowSeconds, int inProgressPerAddress, int inProgressTotal, long privateBytesPerDay,
            int minPasswordLength) {

        /** What a server without the account module uses (the account module's defaults). */
        public static final Settings DEFAULTS = new Settings(PasswordHasher.DEFAULT_MEMORY_KIB,
                PasswordHasher.DEFAULT_ITERATIONS, 10, 50, 300, 4, 256, 16 * 1024 * 1024, Passwords.MIN_LENGTH);
    }

    /** Builds the server's accounts over {@code store}'s, on the one {@code presence}. */
    public static SharedAccounts create(Settings settings, Store store, RegisteredNames names, Presence presence,
            Executor cryptoPool, int cryptoThreads) {
        PasswordHasher hasher = new PasswordHasher(settings.argon2MemoryKib(), settings.argon2Iterations(), cryptoPool);
        LoginThrottle throttle = new LoginThrottle(settings.failuresPerAccount(), settings.failuresPerAddress(),
                Duration.ofSeconds(settings.failureWindowSeconds()), Clock.systemUTC());
        Accounts accounts = new Accounts(store.accounts(), names, hasher, throttle, settings.minPasswordLength());
        PrivateMessages privateMessages = new PrivateMessages(store.history(), presence,
                new PrivateMessageQuota(settings.privateBytesPerDay(), Duration.ofDays(1), Clock.systemUTC()),
                Clock.systemUTC());
        CryptoLanes lanes = new CryptoLanes(cryptoPool, cryptoThreads, settings.inProgressPerAddress(),
                settings.inProgressTotal());
        return new SharedAccounts(accounts, privateMessages, lanes);
    }
}
