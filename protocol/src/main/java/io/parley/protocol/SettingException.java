package io.parley.protocol;

/**
 * A setting with a value the server cannot use, or a key it does not know. Carries the key and
 * the problem apart ({@code "must be a port (0-65535) or off, not abc"}), so that the command
 * line can name the flag the value came from instead of the key.
 */
public class SettingException extends IllegalArgumentException {

    private final String key;
    private final String problem;

    public SettingException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** A problem not about one key's value, e.g. unknown keys; {@link #key} is empty. */
    public SettingException(String message) {
        super(message);
        this.key = "";
        this.problem = message;
    }

    /** The key, e.g. {@code tcd.port}; empty for a problem that is not about one key. */
    public String key() {
        return key;
    }

    /** What is wrong and what would be right, without the key. */
    public String problem() {
        return problem;
    }
}
