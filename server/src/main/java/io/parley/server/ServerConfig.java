package io.parley.server;

import java.nio.file.Path;
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
 * @param allowKill whether TCD's {@code KILL_SERVICE} may stop the server
 * @param maxPendingOutputBytes a connection's outbound cap: a reader that falls this far behind
 *     is disconnected
 */
public record ServerConfig(
        String bind,
        Path dataDirectory,
        OptionalInt tcdPort,
        String studentId,
        int tcdMaxRequestBytes,
        boolean allowKill,
        int maxPendingOutputBytes) {

    public static final String BIND = "bind";
    public static final String DATA = "data";
    public static final String TCD_PORT = "tcd.port";
    public static final String TCD_STUDENT_ID = "tcd.student-id";
    public static final String TCD_MAX_REQUEST_BYTES = "tcd.max-request-bytes";
    public static final String ALLOW_KILL = "allow-kill";
    public static final String MAX_PENDING_OUTPUT_BYTES = "connection.max-pending-output-bytes";

    /** Every key with its default. */
    static final Map<String, String> DEFAULTS = Map.of(
            BIND, "*",
            DATA, "data",
            TCD_PORT, "7710",
            TCD_STUDENT_ID, "parley",
            TCD_MAX_REQUEST_BYTES, Integer.toString(64 * 1024),
            ALLOW_KILL, "false",
            MAX_PENDING_OUTPUT_BYTES, Integer.toString(1024 * 1024));

    /** The settings from {@code properties}, each missing key at its default. */
    public static ServerConfig from(Properties properties) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration key(s): " + String.join(", ", unknown));
        }
        Settings settings = new Settings(properties);
        String bind = settings.text(BIND);
        return new ServerConfig(
                bind.equals("*") ? null : bind,
                Path.of(settings.text(DATA)),
                settings.port(TCD_PORT),
                settings.text(TCD_STUDENT_ID),
                settings.positive(TCD_MAX_REQUEST_BYTES),
                settings.bool(ALLOW_KILL),
                settings.positive(MAX_PENDING_OUTPUT_BYTES));
    }

    /** Typed reads of the raw values, with the key named in every error. */
    private record Settings(Properties properties) {
        String text(String key) {
            return properties.getProperty(key, DEFAULTS.get(key)).strip();
        }

        OptionalInt port(String key) {
            String value = text(key);
            if (value.equalsIgnoreCase("off")) {
                return OptionalInt.empty();
            }
            int port = integer(key, value);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(key + " must be a port (0-65535) or off, not " + value);
            }
            return OptionalInt.of(port);
        }

        int positive(String key) {
            int value = integer(key, text(key));
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be positive, not " + value);
            }
            return value;
        }

        boolean bool(String key) {
            String value = text(key);
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + " must be true or false, not " + value);
            }
            return Boolean.parseBoolean(value);
        }

        private static int integer(String key, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, not " + value);
            }
        }
    }
}
