package io.parley.core.room;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: reads a room's stored messages back by sequence, as the {@link EventLog} placed them.
 * What a cluster node's bus fills a gap with (a message lost or late between nodes, a reconnect):
 * the store of record, not the bus, is where a message that was acknowledged can always be found.
 * Presence events ({@link RoomEvent.Joined}, {@link RoomEvent.Left}) store nothing, so they are
 * never read back.
 *
 * <p>Thread-safe; never blocks its caller.
 */
public interface RoomReplay {

    /**
     * The messages of {@code room} numbered above {@code after}, in sequence order, at most
     * {@code limit} of them (fewer when the room has no more yet), each as the log placed it.
     */
    CompletionStage<List<RoomEvent.Posted>> messagesAfter(RoomId room, long after, int limit);

    /**
     * The chat messages of {@code room} inside {@code window} (what IRC's CHATHISTORY reads), oldest
     * first: at most {@code window.limit()} of them, taken from the window's oldest end or, for
     * {@link Window#newestFirst}, its newest. Old join and leave rows are left out.
     */
    CompletionStage<List<RoomEvent.Posted>> window(RoomId room, Window window);

    /**
     * Which of a room's messages to read: those numbered strictly between {@code afterSequence} and
     * {@code beforeSequence} and stored strictly between {@code afterMillis} and {@code beforeMillis}
     * (epoch milliseconds, the stored time's precision); {@code newestFirst} says which end the
     * limit counts from. A room's times never go back as its sequence goes up, so a time bound is a
     * sequence bound too. Immutable.
     */
    record Window(long afterSequence, long beforeSequence, long afterMillis, long beforeMillis, boolean newestFirst,
            int limit) {

        /** No bound at all: every message, the limit counted from {@code newestFirst}'s end. */
        public static Window all(boolean newestFirst, int limit) {
            return new Window(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, newestFirst, limit);
        }

        public Window {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
        }

        public Window afterSequence(long sequence) {
            return new Window(sequence, beforeSequence, afterMillis, beforeMillis, newestFirst, limit);
        }

        public Window beforeSequence(long sequence) {
            return new Window(afterSequence, sequence, afterMillis, beforeMillis, newestFirst, limit);
        }

        public Window afterMillis(long millis) {
            return new Window(afterSequence, beforeSequence, millis, beforeMillis, newestFirst, limit);
        }

        public Window beforeMillis(long millis) {
            return new Window(afterSequence, beforeSequence, afterMillis, millis, newestFirst, limit);
        }

        /** Whether a message numbered {@code sequence}, stored at {@code millis}, is inside (the limit aside). */
        public boolean contains(long sequence, long millis) {
            return sequence > afterSequence && sequence < beforeSequence && millis > afterMillis && millis < beforeMillis;
        }
    }
}
