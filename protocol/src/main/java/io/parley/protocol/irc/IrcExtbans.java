package io.parley.protocol.irc;

/**
 * Extended bans ({@code EXTBAN=,m}): a {@code +b} or {@code +e} entry {@code m:<mask>} is a
 * <em>mute</em>: a member matching it may stay in the channel and read it but not speak in it
 * (without {@code +v} or {@code +o}), unless an {@code +e m:<mask>} entry matches it too. A plain
 * entry is a plain ban or exception. The type letter is compared ignoring case and written lower
 * case; an entry with another letter before a colon is an ordinary mask (a nick holds no colon,
 * so it matches nobody but through wildcards). Thread-safe (stateless).
 */
final class IrcExtbans {

    /** The extban types Parley knows, as {@code EXTBAN=<prefix>,<types>} lists them (no prefix). */
    static final String TYPES = "m";
    /** The mute type. */
    static final char MUTE = 'm';
    /** The {@code EXTBAN} token's value. */
    static final String ISUPPORT = "," + TYPES;

    private IrcExtbans() {}

    /** The type of an entry ({@code m} for {@code m:bob!*@*}), or 0 for a plain mask. */
    static char type(String entry) {
        if (entry.length() >= 2 && entry.charAt(1) == ':' && TYPES.indexOf(Character.toLowerCase(entry.charAt(0))) >= 0) {
            return Character.toLowerCase(entry.charAt(0));
        }
        return 0;
    }

    /** The mask of an entry, without its extban type. */
    static String mask(String entry) {
        return type(entry) == 0 ? entry : entry.substring(2);
    }

    /** The stored form of an entry a client gave: its type lower case, its mask {@link IrcMasks#normalize normalized}. */
    static String normalize(String entry) {
        char type = type(entry);
        return type == 0 ? IrcMasks.normalize(entry) : type + ":" + IrcMasks.normalize(entry.substring(2));
    }

    /** Whether {@code entry} is of {@code type} (0: plain) and matches the user {@code source} ({@code nick!user@host}). */
    static boolean matches(String entry, char type, String source) {
        return type(entry) == type && IrcMasks.matches(mask(entry), source);
    }
}
