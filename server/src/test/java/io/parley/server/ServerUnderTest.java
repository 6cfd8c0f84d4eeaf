package io.parley.server;

import io.parley.testing.WireClient;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestServer} and the connections a test opens to it, as {@link WireClient}s, {@link TcdClient}s or
 * logged-in {@link AccountWire}s. {@link #close} closes every one of them and stops the server. Tests use it
 * through {@link ParleyExtension}, which starts and closes it around each test; a test that must start a
 * server over a data directory it prepared itself (or twice over one) may still use it directly.
 *
 * <p>Not thread-safe: the test's thread drives it.
 */
final class ServerUnderTest implements AutoCloseable {

    private final ParleyServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private ServerUnderTest(ParleyServer server) {
        this.server = server;
    }

    /** A server with its data in {@code data}, the given settings, and its status lines sent to {@code out}. */
    static ServerUnderTest start(Path data, Map<String, String> settings, PrintStream out) throws Exception {
        return new ServerUnderTest(TestServer.start(data, settings, out));
    }

    /** A server started as {@code parley serve --config config} with {@code flags} over the file ({@link TestServer#startFromFile}). */
    static ServerUnderTest startFromFile(Path data, Path config, Map<String, String> flags, PrintStream out)
            throws Exception {
        return new ServerUnderTest(TestServer.startFromFile(data, config, flags, out));
    }

    static ServerUnderTest start(Path data, Map<String, String> settings) throws Exception {
        return new ServerUnderTest(TestServer.start(data, settings));
    }

    static ServerUnderTest start(Path data) throws Exception {
        return start(data, Map.of());
    }

    ParleyServer parley() {
        return server;
    }

    int port(String protocol) {
        return server.port(protocol);
    }

    /** A new connection to the {@code protocol} listener, from 127.0.0.1. */
    WireClient connect(String protocol) {
        return track(WireClient.connect(port(protocol)));
    }

    /** A new connection to the {@code protocol} listener from {@code source}, a loopback address. */
    WireClient connectFrom(String source, String protocol) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        return track(WireClient.connect(socket, port(protocol)));
    }

    /** A new TCD connection to this server, closed with it. */
    TcdClient connectTcd() {
        return track(TcdClient.connect(port("tcd")));
    }

    /** A new account connection, logged in as {@code name} (see {@link AccountWire#login}). */
    AccountWire login(String name, String password) throws GeneralSecurityException {
        return track(AccountWire.login(port("account"), name, password));
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        server.stop();
    }
}
