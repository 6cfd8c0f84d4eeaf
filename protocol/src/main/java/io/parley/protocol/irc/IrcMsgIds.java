package io.parley.protocol.irc;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IRCv3 {@code msgid}s. A room message's id is its room's ref and the sequence the store gave it
 * ({@code <ref>-<seq>}, e.g. {@code 3-1204}): the same on every node and after a restart, and
 * read back without a look-up by CHATHISTORY. What is not stored (a TAGMSG, a message to a nick)
 * gets an id unique to this server's run ({@code x<start>-<n>}), never one a room message has.
 * Thread-safe.
 */
final class IrcMsgIds {

    /** A stored room message: its room's ref and its sequence there. */
    record RoomPoint(int ref, long sequence) {}

    private static final Pattern ROOM = Pattern.compile("([0-9]{1,9})-([0-9]{1,18})");

    private final String run = "x" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final AtomicLong next = new AtomicLong();

    static String room(int ref, long sequence) {
        return ref + "-" + sequence;
    }

    /** The room message {@code msgid} names, if it is a room message's id. */
    static Optional<RoomPoint> parseRoom(String msgid) {
        Matcher matcher = ROOM.matcher(msgid);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RoomPoint(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
    }

    /** A new id for something not stored. */
    String unstored() {
        return run + next.incrementAndGet();
    }
}
