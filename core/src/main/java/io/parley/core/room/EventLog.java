package io.parley.core.room;

import java.util.function.Consumer;

/**
 * Port: the durable, ordered log of room events. An event reaches members only after the log
 * has made its message durable, so a message anybody saw is in history.
 *
 * <p>Thread-safety: implementations are thread-safe. {@link #append} never blocks. The callbacks
 * of successive appends run one at a time, in append order (that order is the rooms' order).
 * One exception: a log that cannot take more (its queue is full) may refuse a chat message
 * ({@link RoomEvent.Posted}) at once, calling back with the failure on the appending thread
 * before {@code append} returns; joins and leaves are never refused.
 */
public interface EventLog {

    /**
     * Stores the event's message, if it has one, then calls {@code done} with {@code null}, or
     * with the failure if it could not be stored.
     */
    void append(RoomEvent event, Consumer<Throwable> done);

    /** The highest message id stored so far, or 0; ids continue from it after a restart. */
    long lastMessageId();
}
