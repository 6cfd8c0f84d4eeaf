package io.parley.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestServer} seen from TCD: its TCD port, and TCD connections it closes with it. {@link #close} closes every
 * client it opened and stops the server; call it from {@code @AfterEach}.
 */
final class TcdTestServer implements AutoCloseable {

    private final ParleyServer server;
    private final List<TcdClient> clients = new ArrayList<>();

    private TcdTestServer(ParleyServer server) {
        this.server = server;
    }

    /** Starts a server with its data in {@code data} and the given {@code key, value} settings. */
    static TcdTestServer start(Path data, String... settings) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        return new TcdTestServer(TestServer.start(data, overrides));
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
