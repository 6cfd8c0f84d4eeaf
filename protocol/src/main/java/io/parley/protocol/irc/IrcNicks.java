package io.parley.protocol.irc;

import java.util.Optional;

/**
 * Nicks, and how Parley's names appear as nicks.
 *
 * <p>A nick shown as it is uses the RFC 2812 nick characters: ASCII letters, digits,
 * {@code [ ] \ ^ _ { | }} and {@code -}, not starting with a digit or {@code -}; the backtick,
 * also an RFC nick character, is kept for the {@linkplain IrcNameEscapes escape}. Every other
 * Parley name (a TCD user {@code alice smith}, a line user {@code José}) is shown escaped:
 * {@code `alice`20`smith}, {@code `Jos`e9`}, which every IRC client parses as one nick and which
 * no name shown as it is can equal. The mapping is a bijection: an IRC client may address that
 * user by the escaped nick, and may even take an escaped nick itself ({@code NICK `Jos`e9`} makes
 * it {@code José} to every other protocol).
 *
 * <p>Non-ASCII names are escaped rather than shown as UTF-8 nicks because older clients and many
 * bots split and match nicks as ASCII, and {@link IrcCasemapping ascii} could not tell
 * {@code ä} from {@code Ä} while Parley does.
 *
 * <p>Thread-safe (stateless).
 */
public final class IrcNicks {

    /**
     * The longest nick a client may take ({@code NICKLEN}): the line protocol's name limit. Nicks
     * of other protocols' users may be longer (a TCD name may have 64 characters, and escaping
     * lengthens names); clients do not check others' nicks against it.
     */
    public static final int NICKLEN = 32;

    private static final IrcNameEscapes ESCAPES = new IrcNameEscapes(IrcNicks::isNickCharacter);

    private IrcNicks() {}

    /** Whether {@code c} may appear in a nick shown as it is. */
    static boolean isNickCharacter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                || c == '[' || c == ']' || c == '\\' || c == '^' || c == '_' || c == '{' || c == '|' || c == '}';
    }

    /** Whether {@code name} is shown on IRC as it is. */
    public static boolean isPlainNick(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        return !(first >= '0' && first <= '9') && first != '-' && ESCAPES.allAllowed(name);
    }

    /** How the Parley name {@code name} appears to IRC clients. */
    public static String toNick(String name) {
        return isPlainNick(name) ? name : ESCAPES.escape(name);
    }

    /**
     * The Parley name a nick stands for, or empty if no name is shown as {@code nick}: the
     * nick itself if it is plain, the unescaped name if it is a canonical escape.
     */
    public static Optional<String> toName(String nick) {
        if (isPlainNick(nick)) {
            return Optional.of(nick);
        }
        return ESCAPES.unescape(nick).filter(name -> !isPlainNick(name));
    }

    /**
     * Why a client may not take {@code nick} ({@code 432 ERR_ERRONEUSNICKNAME}), or empty. The
     * name it stands for must still pass {@link io.parley.protocol.Names} and the name
     * reservations, which the adapter checks.
     */
    public static Optional<String> problem(String nick) {
        if (nick.isEmpty() || nick.length() > NICKLEN) {
            return Optional.of("must be 1-" + NICKLEN + " characters");
        }
        if (toName(nick).isEmpty()) {
            return Optional.of("must be letters, digits and [ ] \\ ^ _ { | } - not starting with a digit or -");
        }
        return Optional.empty();
    }
}
