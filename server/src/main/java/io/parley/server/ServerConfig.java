package io.parley.server;

import io.parley.protocol.account.AccountServices;
import io.parley.protocol.account.PasswordHasher;
import io.parley.protocol.RequestLimits;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdSettings;
import io.parley.store.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's settings. Every key has its default here; {@code parley.conf} at the project root
 * documents each one, and command-line flags override the file. A key this class does not know
 * is an error, so a typo never passes silently.
 *
 * @param bind the address listeners bind, or null for every interface (IPv4 and IPv6)
 * @param dataDirectory where the store keeps its files
 * @param tcdPort the TCD listener's port, empty when it is off (0 picks a free port)
 * @param studentId what TCD's {@code HELO} answers as {@code StudentID}
 * @param tcdMaxRequestBytes the longest TCD request accepted
 * @param tcdMaxMessageLines the most lines a TCD message may have
 * @param allowKill whether TCD's {@code KILL_SERVICE} may stop the server
 * @param maxPendingOutputBytes a connection's outbound cap: a reader that falls this far behind
 *     is disconnected
 * @param lineListeners the line-protocol listeners, each serving one room (empty when off)
 * @param lineMaxLineBytes the longest line a line-protocol client may send
 * @param accountPort the account listener's port, empty when it is off
 * @param accountMaxFrameBytes the longest frame an account client may send
 * @param argon2MemoryKib the memory cost of new password hashes, in KiB
 * @param argon2Iterations the time cost (passes) of new password hashes
 * @param accountLimits the budgets of failed logins, logins in progress and stored private messages
 * @param connections the per-connection and per-address limits
 * @param storeBusyTimeoutMs how long a store write waits for a lock another process holds
 * @param storeMaxQueuedBytes how much chat may wait for the store, in bytes, before new messages
 *     are refused with the protocols' "try again"
 * @param directoryPort the chat room directory listener's port, empty when it is off (0 picks a
 *     free port)
 * @param directoryIdleTimeoutSeconds how long a directory connection may send nothing before it is
 *     closed (0: never)
 * @param rooms how many rooms clients may create
 * @param adminPort the admin HTTP listener's port ({@code /metrics}, {@code /livez},
 *     {@code /readyz}), empty when it is off (0 picks a free port)
 * @param adminBind the address the admin listener binds, or null for every interface; loopback
 *     by default, unlike the chat listeners, since what it shows is for the operator
 * @param adminPortChosen whether the operator chose where the admin listener goes ({@code
 *     admin.port} or {@code admin.bind} set to other than the default, by flag or file): when not,
 *     the default port taken by another program only turns the admin listener off, with a warning
 * @param tls the TLS listeners' ports and the certificate and key they present
 */
public record ServerConfig(
        String bind,
        Path dataDirectory,
        OptionalInt tcdPort,
        String studentId,
        int tcdMaxRequestBytes,
        int tcdMaxMessageLines,
        boolean allowKill,
        int maxPendingOutputBytes,
        List<LineListener> lineListeners,
        int lineMaxLineBytes,
        OptionalInt accountPort,
        int accountMaxFrameBytes,
        int argon2MemoryKib,
        int argon2Iterations,
        AccountPolicy accountLimits,
        ConnectionPolicy connections,
        int storeBusyTimeoutMs,
        int storeMaxQueuedBytes,
        OptionalInt directoryPort,
        int directoryIdleTimeoutSeconds,
        RoomLimits rooms,
        OptionalInt adminPort,
        String adminBind,
        boolean adminPortChosen,
        TlsSettings tls) {

    /**
     * The TLS listeners: each protocol's TLS port (empty when off, 0 picks a free port; the line
     * one serves {@code line.room}) and the PEM files every one of them presents, null when unset.
     */
    public record TlsSettings(Path certificate, Path key, OptionalInt tcdPort, OptionalInt linePort, String lineRoom,
            OptionalInt accountPort, OptionalInt directoryPort) {}

    /**
     * A line-protocol listener: the port (0 picks a free one), the one room it serves, and whether
     * it is one of {@code line.extra-listeners} (false: the main one, which {@code --line} sets).
     */
    public record LineListener(int port, String room, boolean extra) {}

    public static final String BIND = "bind";
    public static final String DATA = "data";
    public static final String TCD_PORT = "tcd.port";
    public static final String TCD_STUDENT_ID = "tcd.student-id";
    public static final String TCD_MAX_REQUEST_BYTES = "tcd.max-request-bytes";
    public static final String TCD_MAX_MESSAGE_LINES = "tcd.max-message-lines";
    public static final String ALLOW_KILL = "allow-kill";
    public static final String MAX_PENDING_OUTPUT_BYTES = "connection.max-pending-output-bytes";
    public static final String LINE_PORT = "line.port";
    public static final String LINE_ROOM = "line.room";
    public static final String LINE_EXTRA_LISTENERS = "line.extra-listeners";
    public static final String LINE_MAX_LINE_BYTES = "line.max-line-bytes";
    public static final String ACCOUNT_PORT = "account.port";
    public static final String ACCOUNT_MAX_FRAME_BYTES = "account.max-frame-bytes";
    public static final String ARGON2_MEMORY_KIB = "account.argon2-memory-kib";
    public static final String ARGON2_ITERATIONS = "account.argon2-iterations";
    public static final String LOGIN_FAILURES_PER_ACCOUNT = "account.login-failures-per-account";
    public static final String LOGIN_FAILURES_PER_ADDRESS = "account.login-failures-per-address";
    public static final String LOGIN_FAILURE_WINDOW_SECONDS = "account.login-failure-window-seconds";
    public static final String LOGINS_IN_PROGRESS_PER_ADDRESS = "account.logins-in-progress-per-address";
    public static final String LOGINS_IN_PROGRESS = "account.logins-in-progress";
    public static final String PRIVATE_BYTES_PER_DAY = "account.private-message-bytes-per-day";
    public static final String STORE_BUSY_TIMEOUT_MS = "store.busy-timeout-ms";
    public static final String STORE_MAX_QUEUED_BYTES = "store.max-queued-bytes";
    public static final String MAX_PER_ADDRESS = "connection.max-per-address";
    public static final String MAX_NEW_PER_ADDRESS = "connection.max-new-per-address";
    public static final String NEW_WINDOW_SECONDS = "connection.new-window-seconds";
    public static final String REGISTRATION_TIMEOUT_SECONDS = "connection.registration-timeout-seconds";
    public static final String UNWRITABLE_TIMEOUT_SECONDS = "connection.unwritable-timeout-seconds";
    public static final String MAX_REQUESTS_PER_SECOND = "connection.max-requests-per-second";
    public static final String REQUEST_BURST = "connection.request-burst";
    public static final String MAX_WAITING_REQUESTS = "connection.max-waiting-requests";
    public static final String DIRECTORY_PORT = "directory.port";
    public static final String DIRECTORY_IDLE_TIMEOUT_SECONDS = "directory.idle-timeout-seconds";
    public static final String KEEPALIVE_IDLE_SECONDS = "connection.keepalive-idle-seconds";
    public static final String ROOMS_MAX = "rooms.max";
    public static final String ROOMS_MAX_NEW_PER_ADDRESS = "rooms.max-new-per-address";
    public static final String ROOMS_NEW_WINDOW_SECONDS = "rooms.new-window-seconds";
    public static final String DIRECTORY_MAX_ROOMS_PER_ADDRESS = "directory.max-rooms-per-address";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_BIND = "admin.bind";
    public static final String TLS_CERTIFICATE = "tls.certificate";
    public static final String TLS_KEY = "tls.key";
    public static final String TCD_TLS_PORT = "tcd.tls-port";
    public static final String LINE_TLS_PORT = "line.tls-port";
    public static final String ACCOUNT_TLS_PORT = "account.tls-port";
    public static final String DIRECTORY_TLS_PORT = "directory.tls-port";

    /** Every key with its default. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(BIND, "*"),
            Map.entry(DATA, "data"),
            Map.entry(MAX_PENDING_OUTPUT_BYTES, Integer.toString(1024 * 1024)),
            Map.entry(TCD_PORT, "7710"),
            Map.entry(TCD_STUDENT_ID, TcdSettings.DEFAULT_STUDENT_ID),
            Map.entry(TCD_MAX_REQUEST_BYTES, Integer.toString(TcdSettings.DEFAULT_MAX_REQUEST_BYTES)),
            Map.entry(TCD_MAX_MESSAGE_LINES, Integer.toString(TcdSettings.DEFAULT_MAX_MESSAGE_LINES)),
            Map.entry(ALLOW_KILL, "false"),
            Map.entry(LINE_PORT, "7711"),
            Map.entry(LINE_ROOM, LineSettings.DEFAULT_ROOM),
            Map.entry(LINE_EXTRA_LISTENERS, ""),
            Map.entry(LINE_MAX_LINE_BYTES, Integer.toString(LineSettings.DEFAULT_MAX_LINE_BYTES)),
            Map.entry(ACCOUNT_PORT, "7713"),
            Map.entry(ACCOUNT_MAX_FRAME_BYTES, Integer.toString(AccountServices.DEFAULT_MAX_FRAME_BYTES)),
            Map.entry(ARGON2_MEMORY_KIB, Integer.toString(PasswordHasher.DEFAULT_MEMORY_KIB)),
            Map.entry(ARGON2_ITERATIONS, Integer.toString(PasswordHasher.DEFAULT_ITERATIONS)),
            Map.entry(LOGIN_FAILURES_PER_ACCOUNT, "10"),
            Map.entry(LOGIN_FAILURES_PER_ADDRESS, "50"),
            Map.entry(LOGIN_FAILURE_WINDOW_SECONDS, "300"),
            Map.entry(LOGINS_IN_PROGRESS_PER_ADDRESS, "4"),
            Map.entry(LOGINS_IN_PROGRESS, "256"),
            Map.entry(PRIVATE_BYTES_PER_DAY, Integer.toString(16 * 1024 * 1024)),
            Map.entry(STORE_BUSY_TIMEOUT_MS, Integer.toString(SqliteStore.DEFAULT_BUSY_TIMEOUT_MS)),
            Map.entry(STORE_MAX_QUEUED_BYTES, Long.toString(SqliteStore.DEFAULT_MAX_QUEUED_BYTES)),
            Map.entry(MAX_PER_ADDRESS, "256"),
            Map.entry(MAX_NEW_PER_ADDRESS, "200"),
            Map.entry(NEW_WINDOW_SECONDS, "10"),
            Map.entry(REGISTRATION_TIMEOUT_SECONDS, "30"),
            Map.entry(UNWRITABLE_TIMEOUT_SECONDS, "30"),
            Map.entry(MAX_REQUESTS_PER_SECOND, Integer.toString(RequestLimits.DEFAULT_PER_SECOND)),
            Map.entry(REQUEST_BURST, Integer.toString(RequestLimits.DEFAULT_BURST)),
            Map.entry(MAX_WAITING_REQUESTS, Integer.toString(RequestLimits.DEFAULT_MAX_WAITING)),
            Map.entry(DIRECTORY_PORT, "7712"),
            Map.entry(DIRECTORY_IDLE_TIMEOUT_SECONDS, "600"),
            Map.entry(KEEPALIVE_IDLE_SECONDS, "300"),
            Map.entry(ROOMS_MAX, "20000"),
            Map.entry(ROOMS_MAX_NEW_PER_ADDRESS, "100"),
            Map.entry(ROOMS_NEW_WINDOW_SECONDS, "3600"),
            Map.entry(DIRECTORY_MAX_ROOMS_PER_ADDRESS, "50"),
            Map.entry(ADMIN_PORT, "9090"),
            Map.entry(ADMIN_BIND, "127.0.0.1"),
            Map.entry(TLS_CERTIFICATE, ""),
            Map.entry(TLS_KEY, ""),
            Map.entry(TCD_TLS_PORT, "off"),
            Map.entry(LINE_TLS_PORT, "off"),
            Map.entry(ACCOUNT_TLS_PORT, "off"),
            Map.entry(DIRECTORY_TLS_PORT, "off"));

    /** The settings from {@code properties}, each missing key at its default. */
    public static ServerConfig from(Properties properties) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration key(s) " + String.join(", ", unknown)
                    + "; parley.conf lists every key");
        }
        Settings settings = new Settings(properties);
        String bind = settings.text(BIND);
        if (bind.isEmpty()) {
            throw new ConfigException(BIND, "must be an address of this machine, or * for every interface, not empty");
        }
        return new ServerConfig(
                bind.equals("*") ? null : bind,
                Path.of(settings.text(DATA)),
                settings.port(TCD_PORT),
                settings.text(TCD_STUDENT_ID),
                settings.positive(TCD_MAX_REQUEST_BYTES),
                settings.positive(TCD_MAX_MESSAGE_LINES),
                settings.bool(ALLOW_KILL),
                settings.positive(MAX_PENDING_OUTPUT_BYTES),
                lineListeners(settings),
                settings.positive(LINE_MAX_LINE_BYTES),
                settings.port(ACCOUNT_PORT),
                settings.positive(ACCOUNT_MAX_FRAME_BYTES),
                settings.positive(ARGON2_MEMORY_KIB),
                settings.positive(ARGON2_ITERATIONS),
                new AccountPolicy(
                        settings.positive(LOGIN_FAILURES_PER_ACCOUNT),
                        settings.positive(LOGIN_FAILURES_PER_ADDRESS),
                        settings.positive(LOGIN_FAILURE_WINDOW_SECONDS),
                        settings.positive(LOGINS_IN_PROGRESS_PER_ADDRESS),
                        settings.positive(LOGINS_IN_PROGRESS),
                        settings.positive(PRIVATE_BYTES_PER_DAY)),
                new ConnectionPolicy(
                        settings.atLeastZero(MAX_PER_ADDRESS),
                        settings.atLeastZero(MAX_NEW_PER_ADDRESS),
                        settings.positive(NEW_WINDOW_SECONDS),
                        settings.positive(REGISTRATION_TIMEOUT_SECONDS),
                        settings.positive(UNWRITABLE_TIMEOUT_SECONDS),
                        new RequestLimits(settings.positive(MAX_REQUESTS_PER_SECOND), settings.positive(REQUEST_BURST),
                                settings.positive(MAX_WAITING_REQUESTS)),
                        settings.positive(KEEPALIVE_IDLE_SECONDS)),
                settings.positive(STORE_BUSY_TIMEOUT_MS),
                settings.positive(STORE_MAX_QUEUED_BYTES),
                settings.port(DIRECTORY_PORT),
                settings.atLeastZero(DIRECTORY_IDLE_TIMEOUT_SECONDS),
                new RoomLimits(settings.atLeastZero(ROOMS_MAX), settings.atLeastZero(ROOMS_MAX_NEW_PER_ADDRESS),
                        settings.positive(ROOMS_NEW_WINDOW_SECONDS), settings.atLeastZero(DIRECTORY_MAX_ROOMS_PER_ADDRESS)),
                settings.port(ADMIN_PORT),
                adminBind(settings),
                chosen(properties, ADMIN_PORT) || chosen(properties, ADMIN_BIND),
                new TlsSettings(settings.path(TLS_CERTIFICATE), settings.path(TLS_KEY), settings.port(TCD_TLS_PORT),
                        settings.port(LINE_TLS_PORT), settings.text(LINE_ROOM), settings.port(ACCOUNT_TLS_PORT), settings.port(DIRECTORY_TLS_PORT)));
    }

    /** Whether {@code key} is set to other than its default (parley.conf lists every default). */
    private static boolean chosen(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value != null && !value.strip().equals(DEFAULTS.get(key));
    }

    private static String adminBind(Settings settings) {
        String bind = settings.text(ADMIN_BIND);
        if (bind.isEmpty()) {
            throw new ConfigException(ADMIN_BIND, "must be an address of this machine, or * for every interface, not empty");
        }
        return bind.equals("*") ? null : bind;
    }

    /** The main line listener ({@code line.port}, {@code line.room}) and the extra ones. */
    private static List<LineListener> lineListeners(Settings settings) {
        List<LineListener> listeners = new ArrayList<>();
        settings.port(LINE_PORT).ifPresent(port -> listeners.add(new LineListener(port, settings.text(LINE_ROOM), false)));
        String extra = settings.text(LINE_EXTRA_LISTENERS);
        for (String entry : extra.isEmpty() ? new String[0] : extra.split("\\s*,\\s*")) {
            String[] portAndRoom = entry.split("=", 2);
            if (portAndRoom.length != 2 || portAndRoom[1].isBlank()) {
                throw new ConfigException(LINE_EXTRA_LISTENERS, "takes port=room pairs (e.g. 7720=games), not " + entry);
            }
            int port = Settings.integer(LINE_EXTRA_LISTENERS, portAndRoom[0].strip());
            if (port < 0 || port > 65535) {
                throw new ConfigException(LINE_EXTRA_LISTENERS, "takes ports 0-65535, not " + entry);
            }
            listeners.add(new LineListener(port, portAndRoom[1].strip(), true));
        }
        return List.copyOf(listeners);
    }

    /** Typed reads of the raw values, with the key named in every error. */
    private record Settings(Properties properties) {
        String text(String key) {
            return properties.getProperty(key, DEFAULTS.get(key)).strip();
        }

        /** A file's path, or null when the key is empty (unset). */
        Path path(String key) {
            String value = text(key);
            return value.isEmpty() ? null : Path.of(value);
        }

        OptionalInt port(String key) {
            String value = text(key);
            if (value.equalsIgnoreCase("off")) {
                return OptionalInt.empty();
            }
            int port;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new ConfigException(key, "must be a port (0-65535) or off, not " + value);
            }
            return OptionalInt.of(port);
        }

        int positive(String key) {
            int value = integer(key, text(key));
            if (value <= 0) {
                throw new ConfigException(key, "must be positive, not " + value);
            }
            return value;
        }

        int atLeastZero(String key) {
            int value = integer(key, text(key));
            if (value < 0) {
                throw new ConfigException(key, "must be 0 (no limit) or more, not " + value);
            }
            return value;
        }

        boolean bool(String key) {
            String value = text(key);
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConfigException(key, "must be true or false, not " + value);
            }
            return Boolean.parseBoolean(value);
        }

        private static int integer(String key, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a whole number, not " + value);
            }
        }
    }
}
