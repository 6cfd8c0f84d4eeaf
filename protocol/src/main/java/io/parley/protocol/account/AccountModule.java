package io.parley.protocol.account;

import io.netty.channel.ChannelHandler;
import io.parley.core.account.Passwords;
import io.parley.crypto.RsaKeys;
import io.parley.protocol.ConfigSection;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ModuleContext;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.PasswordHasher;
import io.parley.protocol.ProtocolStartException;
import io.parley.protocol.SettingException;
import io.parley.protocol.SharedAccounts;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;

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
    public static final String MIN_PASSWORD_LENGTH = "account.min-password-length";

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
     * @param minPasswordLength the fewest characters a new password may have
     */
    public record Config(int maxFrameBytes, int argon2MemoryKib, int argon2Iterations, int failuresPerAccount,
            int failuresPerAddress, int failureWindowSeconds, int inProgressPerAddress, int inProgressTotal,
            long privateBytesPerDay, int minPasswordLength) {

        /** The part of these that is the server's, not the account protocol's own. */
        public SharedAccounts.Settings shared() {
            return new SharedAccounts.Settings(argon2MemoryKib, argon2Iterations, failuresPerAccount,
                    failuresPerAddress, failureWindowSeconds, inProgressPerAddress, inProgressTotal, privateBytesPerDay,
                    minPasswordLength);
        }
    }

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
        SharedAccounts.Settings shared = SharedAccounts.Settings.DEFAULTS;
        return Map.of(
                MAX_FRAME_BYTES, Integer.toString(AccountServices.DEFAULT_MAX_FRAME_BYTES),
                ARGON2_MEMORY_KIB, Integer.toString(shared.argon2MemoryKib()),
                ARGON2_ITERATIONS, Integer.toString(shared.argon2Iterations()),
                LOGIN_FAILURES_PER_ACCOUNT, Integer.toString(shared.failuresPerAccount()),
                LOGIN_FAILURES_PER_ADDRESS, Integer.toString(shared.failuresPerAddress()),
                LOGIN_FAILURE_WINDOW_SECONDS, Integer.toString(shared.failureWindowSeconds()),
                LOGINS_IN_PROGRESS_PER_ADDRESS, Integer.toString(shared.inProgressPerAddress()),
                LOGINS_IN_PROGRESS, Integer.toString(shared.inProgressTotal()),
                PRIVATE_BYTES_PER_DAY, Long.toString(shared.privateBytesPerDay()),
                MIN_PASSWORD_LENGTH, Integer.toString(shared.minPasswordLength()));
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
                config.positive(PRIVATE_BYTES_PER_DAY),
                minPasswordLength(config));
    }

    private static int minPasswordLength(ConfigSection config) {
        int min = config.positive(MIN_PASSWORD_LENGTH);
        if (min > Passwords.MAX_LENGTH) {
            throw new SettingException(MIN_PASSWORD_LENGTH, "must be at most " + Passwords.MAX_LENGTH);
        }
        return min;
    }

    @Override
    public Optional<SharedAccounts.Settings> accountSettings(Config settings) {
        return Optional.of(settings.shared());
    }

    @Override
    public ConnectionErrors connectionErrors() {
        return AccountServices.CONNECTION_ERRORS;
    }

    /**
     * One for the plaintext and TLS listeners both; the accounts, login throttles, crypto lanes and
     * private messages are the server's ({@link ModuleContext#accounts}), shared with IRC's SASL,
     * and the online users its one {@link ModuleContext#presence}.
     */
    @Override
    public ChannelHandler handler(Config settings, String qualifier, ModuleContext context)
            throws ProtocolStartException {
        KeyPair serverKeys = serverKeys(context.dataDirectory().resolve(SERVER_KEY_FILE));
        SharedAccounts shared = context.accounts();
        AccountServices services = new AccountServices(context.chat(), shared.accounts(), context.presence(),
                shared.privateMessages(), context.store().history(), serverKeys, shared.cryptoLanes(),
                settings.maxFrameBytes());
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
