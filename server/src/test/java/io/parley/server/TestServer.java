package io.parley.server;

import io.parley.protocol.ProtocolModule;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Starts a real {@link ParleyServer} on ephemeral ports with a temporary data directory. */
final class TestServer {

    private TestServer() {}

    /**
     * A server with every listener on a free port and the given settings on top; the other
     * listeners' settings stay at their defaults. Its status lines go to {@code out}.
     */
    static ParleyServer start(Path data, Map<String, String> settings, PrintStream out) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(ServerConfig.DATA, data.toString());
        properties.setProperty(ServerConfig.BIND, "127.0.0.1");
        for (ProtocolModule<?> module : ProtocolModules.ALL) {
            properties.setProperty(ProtocolSection.portKey(module), "0");
        }
        properties.setProperty(ServerConfig.ADMIN_PORT, "off"); // a test that wants it sets 0
        properties.putAll(settings);
        return ParleyServer.start(ServerConfig.from(properties), out);
    }

    static ParleyServer start(Path data, Map<String, String> settings) throws Exception {
        return start(data, settings, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    }

    static ParleyServer start(Path data) throws Exception {
        return start(data, Map.of());
    }
}
