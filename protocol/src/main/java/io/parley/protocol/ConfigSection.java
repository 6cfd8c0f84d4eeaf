package io.parley.protocol;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Typed reads of the server's settings, each missing key at its default, with the key named in
 * every error ({@link SettingException}): what a {@link ProtocolModule} parses its section with,
 * and the server its own keys. Values are trimmed.
 *
 * <p>Immutable over its inputs, which the caller must not change while it reads.
 */
public final class ConfigSection {

    private final Properties properties;
    private final Map<String, String> defaults;

    public ConfigSection(Properties properties, Map<String, String> defaults) {
        this.properties = properties;
        this.defaults = defaults;
    }

    public String text(String key) {
        return properties.getProperty(key, defaultOf(key)).strip();
    }

    /** Whether {@code key} is set to other than its default. */
    public boolean chosen(String key) {
        String fallback = defaultOf(key);
        String value = properties.getProperty(key);
        return value != null && !value.strip().equals(fallback);
    }

    /**
     * {@code key}'s default. Every key read must have one (a module declares its keys in
     * {@link ProtocolModule#defaults}): one that has none is a mistake in the code, named here
     * at start-up whatever the configuration sets.
     */
    private String defaultOf(String key) {
        String fallback = defaults.get(key);
        if (fallback == null) {
            throw new SettingException(key, "has no default");
        }
        return fallback;
    }

    /** A file's path, or null when the key is empty (unset). */
    public Path path(String key) {
        String value = text(key);
        return value.isEmpty() ? null : Path.of(value);
    }

    /** A port, 0 for a free one, or empty for {@code off}. */
    public OptionalInt port(String key) {
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
            throw new SettingException(key, "must be a port (0-65535) or off, not " + value);
        }
        return OptionalInt.of(port);
    }

    public int positive(String key) {
        int value = integer(key, text(key));
        if (value <= 0) {
            throw new SettingException(key, "must be positive, not " + value);
        }
        return value;
    }

    public int atLeastZero(String key) {
        int value = integer(key, text(key));
        if (value < 0) {
            throw new SettingException(key, "must be 0 (no limit) or more, not " + value);
        }
        return value;
    }

    public boolean bool(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new SettingException(key, "must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** {@code value}, part of {@code key}'s value, as a whole number. */
    public static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingException(key, "must be a whole number, not " + value);
        }
    }
}
