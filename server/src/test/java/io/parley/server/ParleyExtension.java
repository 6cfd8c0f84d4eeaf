package io.parley.server;

import io.parley.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one way a server-module test runs a server in its own JVM: a real {@link ParleyServer} on
 * ephemeral ports of 127.0.0.1, over a fresh temporary data directory, stopped (with every
 * connection the test opened through it) after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.MAX_PER_ADDRESS, "2");
 * ...
 * WireClient alice = server.connect("line");
 * }</pre>
 *
 * <p>{@link #withConfig} starts the server before each test (and before its {@code @BeforeEach}
 * methods); {@link #startedByEachTest} leaves {@link #start} to the test, for classes whose tests
 * want different settings. {@link #restart} stops the server and starts it again over the same
 * data, for what must survive a restart. Settings are {@link ServerConfig} keys on top of
 * {@link TestServer}'s (every listener on port 0, the admin listener off).
 *
 * <p>Register it on an instance field, so each test gets its own server. Public for the tests of
 * the terminal clients against the server (other packages); the TCD and account helpers stay
 * package-private, as do their clients. Not thread-safe: the test's thread starts, stops and
 * connects; each connection it hands out is as thread-safe as its own class says.
 *
 * <p>Tests of the packaged jar ({@code *E2E}) run it as a process through {@link ServerProcess}
 * instead; protocol-module tests that drive a pipeline without sockets ({@code EmbeddedChannel},
 * {@code AccountTestServer}) start no server at all.
 */
public final class ParleyExtension implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings;
    private final boolean startsBeforeEachTest;
    private PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    private Path data;
    private Map<String, String> running;
    private ServerUnderTest server;

    private ParleyExtension(Map<String, String> settings, boolean startsBeforeEachTest) {
        this.settings = Map.copyOf(settings);
        this.startsBeforeEachTest = startsBeforeEachTest;
    }

    /** A server started before each test with these settings (none: every default). */
    public static ParleyExtension withConfig(Map<String, String> settings) {
        return new ParleyExtension(settings, true);
    }

    /** As {@link #withConfig(Map)}, the settings given as {@code key, value, key, value...}. */
    public static ParleyExtension withConfig(String... keysAndValues) {
        return withConfig(pairs(keysAndValues));
    }

    /** A data directory before each test and a server only once the test calls {@link #start}. */
    public static ParleyExtension startedByEachTest() {
        return new ParleyExtension(Map.of(), false);
    }

    /** The server's status lines (what {@code parley serve} prints) go to {@code out}, not nowhere. */
    public ParleyExtension printingTo(PrintStream out) {
        this.out = out;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("parley-test-");
        if (startsBeforeEachTest) {
            start(settings);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            stop();
        } finally {
            deleteRecursively(data);
        }
    }

    /** Starts the server with these settings; for {@link #startedByEachTest} tests, once at a time. */
    public ParleyExtension start(Map<String, String> overrides) throws Exception {
        if (server != null) {
            throw new IllegalStateException("the server is already running; stop() or restart() it");
        }
        server = ServerUnderTest.start(data, overrides, out);
        running = Map.copyOf(overrides);
        return this;
    }

    /**
     * Starts the server as {@code parley serve --config config} does, so that {@code parley().reload()}
     * (or {@code POST /reload}) rereads the file; {@code flags} (config keys) win over it as
     * command-line flags do, on top of the test defaults (every port 0, the admin listener off).
     * Not restartable with {@link #restart}.
     */
    public ParleyExtension startFromFile(Path config, Map<String, String> flags) throws Exception {
        if (server != null) {
            throw new IllegalStateException("the server is already running; stop() it");
        }
        server = ServerUnderTest.startFromFile(data, config, flags, out);
        running = null;
        return this;
    }

    /** As {@link #start(Map)}, the status lines going to {@code out} (see {@link #printingTo}). */
    public ParleyExtension start(Map<String, String> overrides, PrintStream out) throws Exception {
        return printingTo(out).start(overrides);
    }

    /** As {@link #start(Map)}, the settings given as {@code key, value, key, value...}. */
    public ParleyExtension start(String... keysAndValues) throws Exception {
        return start(pairs(keysAndValues));
    }

    /** Closes the connections opened through this extension and stops the server; the data stays. */
    public void stop() throws Exception {
        if (server != null) {
            ServerUnderTest stopping = server;
            server = null;
            stopping.close();
        }
    }

    /** Stops the server and starts it again over the same data with the same settings. */
    public ParleyExtension restart() throws Exception {
        Map<String, String> same = running;
        if (same == null) {
            throw new IllegalStateException("a server started from a file cannot be restarted");
        }
        stop();
        return start(same);
    }

    /** The server's data directory, a fresh temporary one for each test. */
    public Path data() {
        return data;
    }

    public ParleyServer parley() {
        return running().parley();
    }

    /** The port of the {@code protocol} listener ({@code "line"}, {@code "line:games"}, {@code "admin"}...). */
    public int port(String protocol) {
        return running().port(protocol);
    }

    /** A new connection to the {@code protocol} listener from 127.0.0.1, closed after the test. */
    public WireClient connect(String protocol) {
        return running().connect(protocol);
    }

    /** A new connection to the {@code protocol} listener from {@code source}, a loopback address. */
    public WireClient connectFrom(String source, String protocol) throws Exception {
        return running().connectFrom(source, protocol);
    }

    /** A new TCD connection, closed after the test. */
    TcdClient connectTcd() {
        return running().connectTcd();
    }

    /** A new account connection logged in as {@code name} (see {@link AccountWire#login}). */
    AccountWire login(String name, String password) throws GeneralSecurityException {
        return running().login(name, password);
    }

    private ServerUnderTest running() {
        if (server == null) {
            throw new IllegalStateException("no server is running: call start() first");
        }
        return server;
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key, value pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
