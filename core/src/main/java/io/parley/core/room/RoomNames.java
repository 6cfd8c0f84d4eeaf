package io.parley.core.room;

import java.util.Locale;

/** How room names compare: case-insensitively, with one folding rule for every protocol. */
public final class RoomNames {

    private RoomNames() {}

    /** The key two names are equal under ({@code Locale.ROOT} lower case). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
