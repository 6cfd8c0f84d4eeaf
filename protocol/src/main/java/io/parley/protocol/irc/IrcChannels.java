package io.parley.protocol.irc;

import io.parley.core.text.Blanks;
import io.parley.core.text.Text;
import java.util.Optional;

/**
 * Channels, and how Parley's rooms appear as channels: the channel {@code #name} is the core room
 * {@code name} ({@code #lobby} is the lobby). Only {@code #} channels exist ({@code CHANTYPES=#}).
 *
 * <p>A room name is shown as it is, UTF-8 included, when every character may appear in a channel
 * name: not a space or other blank, comma, colon, BEL or other control or format character, nor
 * the backtick kept for the {@linkplain IrcNameEscapes escape}. Any other room is shown escaped
 * after the {@code #}: the room {@code my room} is {@code #`my`20`room}. Like nicks, the mapping
 * is a bijection, so a client joins {@code #`my`20`room} and is in {@code my room}, with users of
 * every protocol; and a channel spelled any other way with a backtick is refused
 * ({@code 403 ERR_NOSUCHCHANNEL}).
 *
 * <p>Non-ASCII room names stay readable (unlike nicks: a channel is named by a client, then
 * echoed by the server, so clients do not need to fold it themselves). Rooms whose names differ
 * only in non-ASCII case are one Parley room: the server answers with the room's own spelling.
 *
 * <p>Thread-safe (stateless).
 */
public final class IrcChannels {

    /** The longest channel name a client may join ({@code CHANNELLEN}), in bytes, {@code #} included. */
    public static final int CHANNELLEN = 64;
    public static final String CHANTYPES = "#";

    private static final IrcNameEscapes ESCAPES = new IrcNameEscapes(IrcChannels::isChannelCharacter);

    private IrcChannels() {}

    /** Whether {@code c} may appear in a channel name shown as it is. */
    static boolean isChannelCharacter(int c) {
        return c != ' ' && c != ',' && c != ':' && c != IrcNameEscapes.MARK && c != 0x07
                && !Text.isInvisibleOrBreaking(c) && !Blanks.isBlank(c) && !Blanks.isInvisible(c);
    }

    /** Whether {@code target} is a channel name (starts with a channel type), valid or not. */
    public static boolean isChannel(String target) {
        return !target.isEmpty() && CHANTYPES.indexOf(target.charAt(0)) >= 0;
    }

    /** How the room {@code room} appears to IRC clients. */
    public static String toChannel(String room) {
        return "#" + (ESCAPES.allAllowed(room) && !room.isEmpty() ? room : ESCAPES.escape(room));
    }

    /** The room a channel name stands for, or empty if none is shown as {@code channel}. */
    public static Optional<String> toRoom(String channel) {
        if (!isChannel(channel) || channel.length() < 2) {
            return Optional.empty();
        }
        String body = channel.substring(1);
        if (ESCAPES.allAllowed(body)) {
            return Optional.of(body);
        }
        return ESCAPES.unescape(body).filter(room -> !ESCAPES.allAllowed(room));
    }

    /**
     * Why a client may not join {@code channel} ({@code 403 ERR_NOSUCHCHANNEL} or
     * {@code 479 ERR_BADCHANNAME}), or empty. The room name must still pass
     * {@link io.parley.protocol.Names}, which the adapter checks.
     */
    public static Optional<String> problem(String channel) {
        if (!isChannel(channel)) {
            return Optional.of("must start with #");
        }
        if (IrcLimits.utf8Length(channel) > CHANNELLEN) {
            return Optional.of("must be at most " + CHANNELLEN + " bytes");
        }
        if (toRoom(channel).isEmpty()) {
            return Optional.of("must not contain spaces, commas, colons, control characters or a backtick");
        }
        return Optional.empty();
    }
}
