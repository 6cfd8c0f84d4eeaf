package io.parley.protocol.irc;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IRCv3 {@code msgid}s. A room message's id is its room's ref and the sequence the store gave it
 * ({@code <ref>-<seq>}, e.g. {@code 3-1204}): the same on every node and after a restart, and
 * read back without a look-up by CHATHISTORY. What is not stored (a TAGMSG, a message to a nick)
 * gets an id unique to this server's run ({@code x<start>-<n>}), never one a room message has. A
 * stored private message's is {@code p<id>} ({@link #privateMessage}).
 * Thread-safe.
 */
final class IrcMsgIds {

    /** A stored room message: its room's ref and its sequence there. */
    record RoomPoint(int ref, long sequence) {}

    /** A room message's id, or one of its further lines' ({@code 3-1204.2}): see {@link #line}. */
    private static final Pattern ROOM = Pattern.compile("([0-9]{1,9})-([0-9]{1,18})(?:\\.[0-9]{1,6})?");

    /** A stored private message's id, or one of its further lines'. */
    private static final Pattern PRIVATE = Pattern.compile("p([0-9]{1,18})(?:\\.[0-9]{1,6})?");

    private final String run = "x" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final AtomicLong next = new AtomicLong();

    static String room(int ref, long sequence) {
        return ref + "-" + sequence;
    }

    /**
     * The id of line {@code index} (from 0) of a room message IRC shows as several lines (a text
     * with line breaks, or too long for one line): the message's id for its first line, then
     * {@code <id>.2}, {@code <id>.3}, ..., so that every line a client sees has an id of its own
     * (IRCv3 asks ids to be unique) and each still names its message in CHATHISTORY.
     */
    static String line(String msgid, int index) {
        return index == 0 ? msgid : msgid + "." + (index + 1);
    }

    /** The room message {@code msgid} names, if it is a room message's id or one of its lines'. */
    static Optional<RoomPoint> parseRoom(String msgid) {
        Matcher matcher = ROOM.matcher(msgid);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RoomPoint(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
    }

    /** A stored private message's id: {@code p} and the store's id ({@code p42}), never a room message's. */
    static String privateMessage(long id) {
        return "p" + id;
    }

    /** The stored private message {@code msgid} names, if it is one's id or one of its lines'. */
    static Optional<Long> parsePrivate(String msgid) {
        Matcher matcher = PRIVATE.matcher(msgid);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** A new id for something not stored. */
    String unstored() {
        return run + next.incrementAndGet();
    }
}
