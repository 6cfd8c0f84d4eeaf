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

    /**
     * A server as {@code parley serve --config config} starts it, so that a reload rereads the
     * file: the test's {@code flags} (config keys) and the test defaults above (data directory,
     * loopback, every port 0, the admin listener off) win over the file as flags do. The log's
     * format and levels are left alone (they are the test JVM's).
     */
    static ParleyServer startFromFile(Path data, Path config, Map<String, String> flags, PrintStream out)
            throws Exception {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put(ServerConfig.DATA, data.toString());
        values.put(ServerConfig.BIND, "127.0.0.1");
        for (ProtocolModule<?> module : ProtocolModules.ALL) {
            values.put(ProtocolSection.portKey(module), "0");
        }
        values.put(ServerConfig.ADMIN_PORT, "off");
        values.putAll(flags);
        Map<String, String> names = new java.util.HashMap<>();
        values.keySet().forEach(key -> names.put(key, "--" + key));
        ServeSettings sources = new ServeSettings(config, values, names, Map.of());
        Properties properties = sources.read();
        return ParleyServer.start(sources.parse(properties), out, sources, properties, false);
    }

    static ParleyServer start(Path data, Map<String, String> settings) throws Exception {
        return start(data, settings, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    }

    static ParleyServer start(Path data) throws Exception {
        return start(data, Map.of());
    }
}
