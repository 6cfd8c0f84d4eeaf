package io.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of full Parley servers in this JVM for each test: nodes {@code a} and {@code b}, each
 * with its own ports and data directory, on one fresh database of the machine's PostgreSQL
 * (127.0.0.1:5432) and NATS subjects of the test's own (on 127.0.0.1:4222). After the test it
 * closes every node (and the connections opened through them) and drops the database.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");
 * ...
 * WireClient onB = cluster.b().connect("line");   // a(), b(): ServerUnderTest; port(protocol) too
 * ServerUnderTest c = cluster.startNode("c");     // a third node of the same cluster
 * }</pre>
 *
 * <p>{@link #withConfig} starts a and b before each test (before its {@code @BeforeEach}
 * methods); {@link #nodesStartedByEachTest} only makes the database and subjects, for a test
 * that runs a node as a process ({@link #storeUrl}, {@link #subjectPrefix}) or starts its nodes
 * itself ({@link #startNode}). Settings are {@link ServerConfig} keys, the same on every node.
 *
 * <p>Not thread-safe: the test's thread drives it.
 */
final class TwoNodeCluster implements BeforeEachCallback, AfterEachCallback {

    static final String POSTGRES = "127.0.0.1:5432";
    static final String NATS_URL = "nats://127.0.0.1:4222";

    private final Map<String, String> settings;
    private final boolean startsTwoNodes;
    private final Map<String, ServerUnderTest> nodes = new LinkedHashMap<>();
    private final List<Path> dataDirectories = new ArrayList<>();
    private String database;
    private String subjectPrefix;

    private TwoNodeCluster(Map<String, String> settings, boolean startsTwoNodes) {
        this.settings = Map.copyOf(settings);
        this.startsTwoNodes = startsTwoNodes;
    }

    /** Nodes a and b started before each test, with these settings ({@code key, value, ...}) on top of the cluster's. */
    static TwoNodeCluster withConfig(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key, value pairs");
        }
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new TwoNodeCluster(settings, true);
    }

    /** The database and subjects before each test; no node until the test calls {@link #startNode}. */
    static TwoNodeCluster nodesStartedByEachTest(String... keysAndValues) {
        return new TwoNodeCluster(withConfig(keysAndValues).settings, false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        requireNats();
        String id = UUID.randomUUID().toString().replace("-", "");
        database = "parley_t_" + id.substring(0, 16);
        subjectPrefix = "test" + id;
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        if (startsTwoNodes) {
            startNode("a");
            startNode("b");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            closeNodes();
        } finally {
            try {
                if (database != null) {
                    try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                        statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    }
                }
            } finally {
                for (Path data : dataDirectories) {
                    ParleyExtension.deleteRecursively(data);
                }
                dataDirectories.clear();
            }
        }
    }

    /** Closes every node, each even when closing another failed; the first failure is thrown. */
    private void closeNodes() throws Exception {
        Exception first = null;
        for (ServerUnderTest node : nodes.values()) {
            try {
                node.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        nodes.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Node a, started before the test (or by it). */
    ServerUnderTest a() {
        return node("a");
    }

    /** Node b, started before the test (or by it). */
    ServerUnderTest b() {
        return node("b");
    }

    /** The running node {@code name}. */
    ServerUnderTest node(String name) {
        ServerUnderTest node = nodes.get(name);
        if (node == null) {
            throw new IllegalStateException("no node " + name + " is running: startNode(\"" + name + "\") first");
        }
        return node;
    }

    /** Starts node {@code name} of this cluster over a fresh data directory; closed after the test. */
    ServerUnderTest startNode(String name) throws Exception {
        if (nodes.containsKey(name)) {
            throw new IllegalStateException("node " + name + " is already running");
        }
        Path data = Files.createTempDirectory("parley-node-" + name + "-");
        dataDirectories.add(data);
        ServerUnderTest node = ServerUnderTest.start(data, settings(name));
        nodes.put(name, node);
        return node;
    }

    /** What node {@code name} is started with: the cluster's store, bus, subjects and the test's settings. */
    Map<String, String> settings(String name) {
        Map<String, String> node = new HashMap<>(settings);
        node.put(ServerConfig.STORE_URL, storeUrl());
        node.put(ServerConfig.BUS_URL, NATS_URL);
        node.put(ServerConfig.NODE_NAME, name);
        node.put(ServerConfig.BUS_SUBJECT_PREFIX, subjectPrefix);
        return node;
    }

    /** The cluster's store, as {@code --store} takes it. */
    String storeUrl() {
        return "postgresql://" + POSTGRES + "/" + database + "?user=postgres";
    }

    /** The NATS subject prefix of this test's cluster ({@link ServerConfig#BUS_SUBJECT_PREFIX}). */
    String subjectPrefix() {
        return subjectPrefix;
    }

    private static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + POSTGRES + "/postgres?user=postgres");
        } catch (SQLException e) {
            throw new SQLException("this test needs PostgreSQL on " + POSTGRES + " with trust auth for user postgres;"
                    + " start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`", e);
        }
    }

    private static void requireNats() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 4222), 2000);
        } catch (IOException e) {
            throw new IOException("this test needs a NATS server on 127.0.0.1:4222; start one with: start-stop-daemon"
                    + " --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js"
                    + " -sd /var/lib/nats-server -l /var/log/nats-server.log", e);
        }
    }
}
