package io.parley.core.text;

import java.util.Locale;

/**
 * How names compare, whatever they name (a room, a user): case-insensitively, with one folding
 * rule for every protocol and every store. Thread-safe (stateless).
 */
public final class NameKeys {

    private NameKeys() {}

    /** The key two names are the same name under ({@code Locale.ROOT} lower case). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
