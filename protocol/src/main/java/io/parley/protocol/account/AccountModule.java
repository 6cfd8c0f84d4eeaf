package io.parley.protocol.account;

import io.netty.channel.ChannelHandler;
import io.parley.core.account.Accounts;
import io.parley.core.account.LoginThrottle;
import io.parley.core.account.Presence;
import io.parley.core.account.PrivateMessageQuota;
import io.parley.core.account.PrivateMessages;
import io.parley.crypto.RsaKeys;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.ProtocolStartException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The account protocol as a server module: its limits ({@code account.*}, documented in
 * {@code parley.conf} and {@code docs/limits.md}) and the server's RSA key pair, kept in the data
 * directory. Stateless.
 */
public final class AccountModule implements ProtocolModule<AccountModule.Config> {

    /** The server's RSA key pair for the account protocol, in the data directory. */
    public static final String SERVER_KEY_FILE = "server-key.pem";

    public static final String MAX_FRAME_BYTES = "account.max-frame-bytes";
    public static final String ARGON2_MEMORY_KIB = "account.argon2-memory-kib";
    public static final String ARGON2_ITERATIONS = "account.argon2-iterations";
    public static final String LOGIN_FAILURES_PER_ACCOUNT = "account.login-failures-per-account";
    public static final String LOGIN_FAILURES_PER_ADDRESS = "account.login-failures-per-address";
    public static final String LOGIN_FAILURE_WINDOW_SECONDS = "account.login-failure-window-seconds";
    public static final String LOGINS_IN_PROGRESS_PER_ADDRESS = "account.logins-in-progress-per-address";
    public static final String LOGINS_IN_PROGRESS = "account.logins-in-progress";
    public static final String PRIVATE_BYTES_PER_DAY = "account.private-message-bytes-per-day";

    /**
     * @param maxFrameBytes the longest frame an account client may send
     * @param argon2MemoryKib the memory cost of new password hashes, in KiB
     * @param argon2Iterations the time cost (passes) of new password hashes
     * @param failuresPerAccount wrong passwords an account may get per window, from anywhere, before
     *     its logins are refused until the window ends
     * @param failuresPerAddress the same per client address (an IPv6 /64), whatever the accounts
     * @param failureWindowSeconds that window, from the first failure counted
     * @param inProgressPerAddress password checks (logins) in progress at once from one address;
     *     past it a login gets {@code C ERR 429 ...} at once
     * @param inProgressTotal the same for the whole server; past it {@code C ERR 503 ...}
     * @param privateBytesPerDay bytes of private messages stored per account per day
     */
    public record Config(int maxFrameBytes, int argon2MemoryKib, int argon2Iterations, int failuresPerAccount,
            int failuresPerAddress, int failureWindowSeconds, int inProgressPerAddress, int inProgressTotal,
            long privateBytesPerDay) {}

    @Override
    public String name() {
        return "account";
    }

    @Override
    public int defaultPort() {
        return 7713;
    }

    @Override
    public String title() {
        return "Account protocol";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(
                MAX_FRAME_BYTES, Integer.toString(AccountServices.DEFAULT_MAX_FRAME_BYTES),
                ARGON2_MEMORY_KIB, Integer.toString(PasswordHasher.DEFAULT_MEMORY_KIB),
                ARGON2_ITERATIONS, Integer.toString(PasswordHasher.DEFAULT_ITERATIONS),
                LOGIN_FAILURES_PER_ACCOUNT, "10",
                LOGIN_FAILURES_PER_ADDRESS, "50",
                LOGIN_FAILURE_WINDOW_SECONDS, "300",
                LOGINS_IN_PROGRESS_PER_ADDRESS, "4",
                LOGINS_IN_PROGRESS, "256",
                PRIVATE_BYTES_PER_DAY, Integer.toString(16 * 1024 * 1024));
    }

    @Override
    public Config settings(ConfigSection config) {
        return new Config(
                config.positive(MAX_FRAME_BYTES),
                config.positive(ARGON2_MEMORY_KIB),
                config.positive(ARGON2_ITERATIONS),
                config.positive(LOGIN_FAILURES_PER_ACCOUNT),
                config.positive(LOGIN_FAILURES_PER_ADDRESS),
                config.positive(LOGIN_FAILURE_WINDOW_SECONDS),
                config.positive(LOGINS_IN_PROGRESS_PER_ADDRESS),
                config.positive(LOGINS_IN_PROGRESS),
                config.positive(PRIVATE_BYTES_PER_DAY));
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return AccountServices.CONNECTION_ERRORS;
    }

    /**
     * One for the plaintext and TLS listeners both: one set of login throttles; the online users
     * are the server's one {@link ModuleContext#presence}, shared with the other protocols.
     */
    @Override
    public ChannelHandler handler(Config settings, String qualifier, ModuleContext context)
            throws ProtocolStartException {
        KeyPair serverKeys = serverKeys(context.dataDirectory().resolve(SERVER_KEY_FILE));
        PasswordHasher hasher = new PasswordHasher(settings.argon2MemoryKib(), settings.argon2Iterations(),
                context.cryptoPool());
        CryptoLanes lanes = new CryptoLanes(context.cryptoPool(), context.cryptoThreads(),
                settings.inProgressPerAddress(), settings.inProgressTotal());
        LoginThrottle throttle = new LoginThrottle(settings.failuresPerAccount(), settings.failuresPerAddress(),
                Duration.ofSeconds(settings.failureWindowSeconds()), Clock.systemUTC());
        Accounts accounts = new Accounts(context.store().accounts(), context.names(), hasher, throttle);
        Presence presence = context.presence();
        PrivateMessages privateMessages = new PrivateMessages(context.store().history(), presence,
                new PrivateMessageQuota(settings.privateBytesPerDay(), Duration.ofDays(1), Clock.systemUTC()),
                Clock.systemUTC());
        AccountServices services = new AccountServices(context.chat(), accounts, presence, privateMessages,
                context.store().history(), serverKeys, lanes, settings.maxFrameBytes());
        return new AccountInitializer(services);
    }

    private static KeyPair serverKeys(Path keyFile) throws ProtocolStartException {
        try {
            return RsaKeys.loadOrCreate(keyFile);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new ProtocolStartException("cannot read the server key " + keyFile + ": " + e.getMessage()
                    + "; restore it from a backup, or delete it to make a new one (clients will warn that it changed)");
        }
    }
}
