package io.parley.server;

import io.parley.protocol.ConfigSection;
import io.parley.protocol.ProtocolModule;
import io.parley.protocol.RequestLimits;
import io.parley.protocol.account.AccountModule;
import io.parley.protocol.directory.DirectoryModule;
import io.parley.protocol.line.LineModule;
import io.parley.protocol.tcd.TcdModule;
import io.parley.protocol.web.WebModule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's settings. Every key has its default here or in its protocol's module;
 * {@code parley.conf} at the project root documents each one, and command-line flags override
 * the file. A key neither the server nor a protocol knows is an error, so a typo never passes
 * silently.
 *
 * @param bind the address listeners bind, or null for every interface (IPv4 and IPv6)
 * @param dataDirectory where the store keeps its files
 * @param maxPendingOutputBytes a connection's outbound cap: a reader that falls this far behind
 *     is disconnected
 * @param connections the per-connection and per-address limits
 * @param storeBusyTimeoutMs how long a store write waits for a lock another process holds
 * @param storeMaxQueuedBytes how much chat may wait for the store, in bytes, before new messages
 *     are refused with the protocols' "try again"
 * @param rooms how many rooms clients may create
 * @param adminPort the admin HTTP listener's port ({@code /metrics}, {@code /livez},
 *     {@code /readyz}), empty when it is off (0 picks a free port)
 * @param adminBind the address the admin listener binds, or null for every interface; loopback
 *     by default, unlike the chat listeners, since what it shows is for the operator
 * @param adminPortChosen whether the operator chose where the admin listener goes ({@code
 *     admin.port} or {@code admin.bind} set to other than the default, by flag or file): when not,
 *     the default port taken by another program only turns the admin listener off, with a warning
 * @param tls the certificate and key every TLS listener presents
 * @param protocols each protocol's section (ports and its own settings) by its name, in the
 *     order of its module's list; a protocol whose ports are both off is there too
 * @param cluster where the store of record and the bus are, and this node's name: a single node
 *     (embedded SQLite, no bus) unless set
 * @param transport the socket transport asked for: {@code auto} (epoll where it loads, else
 *     NIO), {@code epoll}, {@code io_uring} or {@code nio} ({@link Transport#chosen})
 */
public record ServerConfig(
        String bind,
        Path dataDirectory,
        int maxPendingOutputBytes,
        ConnectionPolicy connections,
        int storeBusyTimeoutMs,
        int storeMaxQueuedBytes,
        RoomLimits rooms,
        OptionalInt adminPort,
        String adminBind,
        boolean adminPortChosen,
        TlsSettings tls,
        Map<String, ProtocolSection<?>> protocols,
        ClusterSettings cluster,
        String transport) {

    /** The PEM files every TLS listener presents, each null when unset. */
    public record TlsSettings(Path certificate, Path key) {}

    /**
     * Cluster mode's settings.
     *
     * @param storeUrl the store of record every node shares ({@code postgresql://HOST:PORT/DB}),
     *     or null for the embedded SQLite store in the data directory
     * @param busUrl the NATS server the nodes fan out through ({@code nats://HOST:PORT}), or null
     *     for a single node (the in-process bus)
     * @param node this node's name, unique in the cluster; {@code local} on a single node
     * @param subjectPrefix the first token of the bus's subjects: the nodes sharing it are one
     *     cluster (several clusters, or tests, can share one NATS server)
     */
    public record ClusterSettings(String storeUrl, String busUrl, String node, String subjectPrefix) {

        /** Whether this node is one of a cluster (it has a bus). */
        public boolean clustered() {
            return busUrl != null;
        }
    }

    public static final String BIND = "bind";
    public static final String DATA = "data";
    public static final String MAX_PENDING_OUTPUT_BYTES = "connection.max-pending-output-bytes";
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
    public static final String KEEPALIVE_IDLE_SECONDS = "connection.keepalive-idle-seconds";
    public static final String ROOMS_MAX = "rooms.max";
    public static final String ROOMS_MAX_NEW_PER_ADDRESS = "rooms.max-new-per-address";
    public static final String ROOMS_NEW_WINDOW_SECONDS = "rooms.new-window-seconds";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_BIND = "admin.bind";
    public static final String TLS_CERTIFICATE = "tls.certificate";
    public static final String TLS_KEY = "tls.key";
    public static final String STORE_URL = "store.url";
    public static final String BUS_URL = "bus.url";
    public static final String NODE_NAME = "node.name";
    public static final String BUS_SUBJECT_PREFIX = "bus.subject-prefix";
    /** Protocols to serve, comma-separated; every other protocol's listeners are off. Empty: all. */
    public static final String LISTENERS_ONLY = "listeners.only";
    public static final String TRANSPORT = "transport";

    // The protocols' keys, which their modules own; named here too for the tests and tools
    // that set them. A new protocol needs none of these.
    public static final String TCD_PORT = "tcd.port";
    public static final String TCD_TLS_PORT = "tcd.tls-port";
    public static final String TCD_STUDENT_ID = TcdModule.STUDENT_ID;
    public static final String TCD_MAX_REQUEST_BYTES = TcdModule.MAX_REQUEST_BYTES;
    public static final String TCD_MAX_MESSAGE_LINES = TcdModule.MAX_MESSAGE_LINES;
    public static final String ALLOW_KILL = TcdModule.ALLOW_KILL;
    public static final String LINE_PORT = "line.port";
    public static final String LINE_TLS_PORT = "line.tls-port";
    public static final String LINE_ROOM = LineModule.ROOM;
    public static final String LINE_EXTRA_LISTENERS = LineModule.EXTRA_LISTENERS;
    public static final String LINE_MAX_LINE_BYTES = LineModule.MAX_LINE_BYTES;
    public static final String ACCOUNT_PORT = "account.port";
    public static final String ACCOUNT_TLS_PORT = "account.tls-port";
    public static final String ACCOUNT_MAX_FRAME_BYTES = AccountModule.MAX_FRAME_BYTES;
    public static final String ARGON2_MEMORY_KIB = AccountModule.ARGON2_MEMORY_KIB;
    public static final String ARGON2_ITERATIONS = AccountModule.ARGON2_ITERATIONS;
    public static final String LOGIN_FAILURES_PER_ACCOUNT = AccountModule.LOGIN_FAILURES_PER_ACCOUNT;
    public static final String LOGIN_FAILURES_PER_ADDRESS = AccountModule.LOGIN_FAILURES_PER_ADDRESS;
    public static final String LOGIN_FAILURE_WINDOW_SECONDS = AccountModule.LOGIN_FAILURE_WINDOW_SECONDS;
    public static final String LOGINS_IN_PROGRESS_PER_ADDRESS = AccountModule.LOGINS_IN_PROGRESS_PER_ADDRESS;
    public static final String LOGINS_IN_PROGRESS = AccountModule.LOGINS_IN_PROGRESS;
    public static final String PRIVATE_BYTES_PER_DAY = AccountModule.PRIVATE_BYTES_PER_DAY;
    public static final String DIRECTORY_PORT = "directory.port";
    public static final String DIRECTORY_TLS_PORT = "directory.tls-port";
    public static final String DIRECTORY_IDLE_TIMEOUT_SECONDS = DirectoryModule.IDLE_TIMEOUT_SECONDS;
    public static final String DIRECTORY_MAX_ROOMS_PER_ADDRESS = DirectoryModule.MAX_ROOMS_PER_ADDRESS;
    public static final String WEB_PORT = "web.port";
    public static final String WEB_TLS_PORT = "web.tls-port";
    public static final String WEB_ALLOWED_ORIGINS = WebModule.ALLOWED_ORIGINS;
    public static final String WEB_TRUSTED_PROXIES = WebModule.TRUSTED_PROXIES;
    public static final String WEB_PING_INTERVAL_SECONDS = WebModule.PING_INTERVAL_SECONDS;
    public static final String WEB_SOCKET_PROTOCOL = WebModule.SOCKET_PROTOCOL;

    /** The server's own keys with their defaults. */
    private static final Map<String, String> SERVER_DEFAULTS = Map.ofEntries(
            Map.entry(BIND, "*"),
            Map.entry(DATA, "data"),
            Map.entry(MAX_PENDING_OUTPUT_BYTES, Integer.toString(1024 * 1024)),
            Map.entry(STORE_BUSY_TIMEOUT_MS, Integer.toString(Stores.DEFAULT_BUSY_TIMEOUT_MS)),
            Map.entry(STORE_MAX_QUEUED_BYTES, Long.toString(Stores.DEFAULT_MAX_QUEUED_BYTES)),
            Map.entry(MAX_PER_ADDRESS, "256"),
            Map.entry(MAX_NEW_PER_ADDRESS, "200"),
            Map.entry(NEW_WINDOW_SECONDS, "10"),
            Map.entry(REGISTRATION_TIMEOUT_SECONDS, "30"),
            Map.entry(UNWRITABLE_TIMEOUT_SECONDS, "30"),
            Map.entry(MAX_REQUESTS_PER_SECOND, Integer.toString(RequestLimits.DEFAULT_PER_SECOND)),
            Map.entry(REQUEST_BURST, Integer.toString(RequestLimits.DEFAULT_BURST)),
            Map.entry(MAX_WAITING_REQUESTS, Integer.toString(RequestLimits.DEFAULT_MAX_WAITING)),
            Map.entry(KEEPALIVE_IDLE_SECONDS, "300"),
            Map.entry(ROOMS_MAX, "20000"),
            Map.entry(ROOMS_MAX_NEW_PER_ADDRESS, "100"),
            Map.entry(ROOMS_NEW_WINDOW_SECONDS, "3600"),
            Map.entry(ADMIN_PORT, "9090"),
            Map.entry(ADMIN_BIND, "127.0.0.1"),
            Map.entry(TLS_CERTIFICATE, ""),
            Map.entry(TLS_KEY, ""),
            Map.entry(LogSettings.FORMAT_KEY, LogSettings.DEFAULT_FORMAT), // read by LogSettings
            Map.entry(LogSettings.LEVEL_KEY, LogSettings.DEFAULT_LEVEL),
            Map.entry(STORE_URL, ""),
            Map.entry(BUS_URL, ""),
            Map.entry(NODE_NAME, ""),
            Map.entry(BUS_SUBJECT_PREFIX, io.parley.cluster.BusSettings.DEFAULT_PREFIX),
            Map.entry(LISTENERS_ONLY, ""),
            Map.entry(TRANSPORT, Transport.AUTO));

    /** Every key with its default: the server's and each protocol's of {@link ProtocolModules#ALL}. */
    static final Map<String, String> DEFAULTS = defaults(ProtocolModules.ALL);

    /**
     * Every key {@code modules} and the server know, with its default. A key declared twice (by
     * two modules, or by a module and the server) is a mistake in the code, refused here: one
     * default would silently replace the other, and one setting would configure both.
     */
    static Map<String, String> defaults(List<ProtocolModule<?>> modules) {
        Map<String, String> defaults = new LinkedHashMap<>(SERVER_DEFAULTS);
        Map<String, String> declaredBy = new HashMap<>();
        SERVER_DEFAULTS.keySet().forEach(key -> declaredBy.put(key, "the server"));
        for (ProtocolModule<?> module : modules) {
            Map<String, String> own = new LinkedHashMap<>();
            own.put(ProtocolSection.portKey(module), Integer.toString(module.defaultPort()));
            own.put(ProtocolSection.tlsPortKey(module), "off");
            own.putAll(module.defaults());
            String who = "protocol module " + module.name();
            own.forEach((key, value) -> {
                String earlier = declaredBy.putIfAbsent(key, who);
                if (earlier != null) {
                    throw new IllegalStateException("configuration key " + key + " is declared by both "
                            + earlier + " and " + who + "; each key must have one owner");
                }
                defaults.put(key, value);
            });
        }
        return Collections.unmodifiableMap(defaults);
    }

    /** The settings from {@code properties}, each missing key at its default. */
    public static ServerConfig from(Properties properties) {
        return from(properties, ProtocolModules.ALL);
    }

    /** As {@link #from(Properties)}, for a server that speaks {@code modules}. */
    static ServerConfig from(Properties properties, List<ProtocolModule<?>> modules) {
        Map<String, String> defaults = modules == ProtocolModules.ALL ? DEFAULTS : defaults(modules);
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(defaults.keySet());
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration key(s) " + String.join(", ", unknown)
                    + "; parley.conf lists every key");
        }
        ConfigSection settings = new ConfigSection(OnlyListeners.apply(properties, modules), defaults);
        String bind = settings.text(BIND);
        if (bind.isEmpty()) {
            throw new ConfigException(BIND, "must be an address of this machine, or * for every interface, not empty");
        }
        return new ServerConfig(
                bind.equals("*") ? null : bind,
                Path.of(settings.text(DATA)),
                settings.positive(MAX_PENDING_OUTPUT_BYTES),
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
                new RoomLimits(settings.atLeastZero(ROOMS_MAX), settings.atLeastZero(ROOMS_MAX_NEW_PER_ADDRESS),
                        settings.positive(ROOMS_NEW_WINDOW_SECONDS)),
                settings.port(ADMIN_PORT),
                adminBind(settings),
                settings.chosen(ADMIN_PORT) || settings.chosen(ADMIN_BIND),
                new TlsSettings(settings.path(TLS_CERTIFICATE), settings.path(TLS_KEY)),
                protocols(modules, settings),
                cluster(settings),
                transport(settings));
    }

    /** A node name: what NATS and the members' refs show; letters, digits, '-', '_' and '.'. */
    private static final java.util.regex.Pattern NODE_NAME_PATTERN = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static ClusterSettings cluster(ConfigSection settings) {
        String store = settings.text(STORE_URL);
        String bus = settings.text(BUS_URL);
        String node = settings.text(NODE_NAME);
        if (!store.isEmpty() && !store.startsWith("postgresql://")) {
            throw new ConfigException(STORE_URL, "must be postgresql://HOST:PORT/DB[?user=NAME], or empty for SQLite"
                    + " in the data directory");
        }
        if (!bus.isEmpty()) {
            try {
                io.parley.cluster.BusSettings.checkUrl(bus);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(BUS_URL, "must be nats://HOST:PORT, not " + bus);
            }
            if (store.isEmpty()) {
                throw new ConfigException(BUS_URL, "needs a shared store of record: give store.url (--store"
                        + " postgresql://HOST:PORT/DB) on every node");
            }
            if (node.isEmpty()) {
                throw new ConfigException(NODE_NAME, "must name this node, unique in the cluster (--node NAME),"
                        + " when bus.url (--bus) is set");
            }
        }
        if (!node.isEmpty() && !NODE_NAME_PATTERN.matcher(node).matches()) {
            throw new ConfigException(NODE_NAME, "must be 1 to 64 letters, digits, '.', '-' or '_'");
        }
        String prefix = settings.text(BUS_SUBJECT_PREFIX);
        if (!NODE_NAME_PATTERN.matcher(prefix).matches() || prefix.contains(".")) {
            throw new ConfigException(BUS_SUBJECT_PREFIX, "must be 1 to 64 letters, digits, '-' or '_', not " + prefix);
        }
        return new ClusterSettings(store.isEmpty() ? null : store, bus.isEmpty() ? null : bus,
                node.isEmpty() ? io.parley.core.room.Member.LOCAL_NODE : node, prefix);
    }

    private static Map<String, ProtocolSection<?>> protocols(List<ProtocolModule<?>> modules, ConfigSection settings) {
        Map<String, ProtocolSection<?>> protocols = new LinkedHashMap<>();
        for (ProtocolModule<?> module : modules) {
            protocols.put(module.name(), ProtocolSection.read(module, settings));
        }
        return Collections.unmodifiableMap(protocols);
    }

    /** The section of the protocol named {@code name}; fails when the server does not speak it. */
    public ProtocolSection<?> protocol(String name) {
        ProtocolSection<?> section = protocols.get(name);
        if (section == null) {
            throw new IllegalArgumentException("no protocol " + name);
        }
        return section;
    }

    /** The settings of the protocol named {@code name}, as its module parsed them. */
    public <S> S settings(String name, Class<S> type) {
        return type.cast(protocol(name).settings());
    }

    private static String transport(ConfigSection settings) {
        String transport = settings.text(TRANSPORT);
        if (!Transport.NAMES.contains(transport)) {
            throw new ConfigException(TRANSPORT, "must be one of " + String.join(", ", Transport.NAMES) + ", not " + transport);
        }
        return transport;
    }

    private static String adminBind(ConfigSection settings) {
        String bind = settings.text(ADMIN_BIND);
        if (bind.isEmpty()) {
            throw new ConfigException(ADMIN_BIND, "must be an address of this machine, or * for every interface, not empty");
        }
        return bind.equals("*") ? null : bind;
    }
}
