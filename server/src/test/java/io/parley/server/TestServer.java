package io.parley.server;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real Parley server for a test: TCD on a free port, data in the test's directory, started
 * through {@link ParleyServer#start} as {@code parley serve} does. {@link #close} closes every
 * client it opened and stops the server; call it from {@code @AfterEach}.
 */
final class TestServer implements AutoCloseable {

    private final ParleyServer server;
    private final List<TcdClient> clients = new ArrayList<>();

    private TestServer(ParleyServer server) {
        this.server = server;
    }

    /** Starts a server with its data in {@code data} and the given {@code key, value} settings. */
    static TestServer start(Path data, String... settings) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.TCD_PORT, "0");
        properties.setProperty(ServerConfig.DATA, data.toString());
        for (int i = 0; i < settings.length; i += 2) {
            properties.setProperty(settings[i], settings[i + 1]);
        }
        // The listening line it prints is checked end to end (StartScriptE2E), not here.
        PrintStream console = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new TestServer(ParleyServer.start(ServerConfig.from(properties), console));
    }

    ParleyServer parley() {
        return server;
    }

    int port() {
        return server.port("tcd");
    }

    /** A new TCD connection to this server, closed with it. */
    TcdClient connect() throws Exception {
        TcdClient client = TcdClient.connect(port());
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(TcdClient::close);
        server.stop();
    }
}
