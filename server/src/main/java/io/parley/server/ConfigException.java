package io.parley.server;

import io.parley.protocol.SettingException;

/**
 * A server-wide setting with a value the server cannot use, or a key it does not know; the
 * protocols' own settings fail with the {@link SettingException} it extends, which carries the
 * key and the problem apart so that the command line can name the flag instead of the key.
 */
public final class ConfigException extends SettingException {

    ConfigException(String key, String problem) {
        super(key, problem);
    }

    /** A problem not about one key's value, e.g. unknown keys; {@link #key} is empty. */
    ConfigException(String message) {
        super(message);
    }
}
