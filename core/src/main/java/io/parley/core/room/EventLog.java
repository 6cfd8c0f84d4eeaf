package io.parley.core.room;

import java.util.function.BiConsumer;

/**
 * Port: the durable, ordered log of room events, and the owner of each room's order. An event
 * reaches members only after the log has made it durable, so a message anybody saw is in history.
 *
 * <p>The log places each event ({@link RoomEvent#sequence()}): a message gets the next number of
 * its room and an id (unique and increasing over all rooms, in the order the log stored them; the
 * account protocol's history relies on it) and a time no earlier than the message stored before
 * it; a join or leave stores nothing and takes the number of the last message stored in its room
 * before it.
 *
 * <p>Thread-safety: implementations are thread-safe. {@link #append} never blocks. The callbacks
 * of successive appends run one at a time, in the order the log placed them (that order is the
 * rooms' order), and must only hand work on (a bus publishes; nothing loops over members there).
 * One exception: a log that cannot take more (its queue is full) may refuse a chat message
 * ({@link RoomEvent.Posted}) at once, calling back with the failure on the appending thread
 * before {@code append} returns; joins and leaves are never refused.
 */
public interface EventLog {

    /**
     * Makes {@code event} (not yet placed: {@link RoomEvent#UNPLACED}) durable and places it, then
     * calls {@code done} with the event as placed and {@code null}, or with the event as given and
     * the failure if it could not be stored.
     */
    void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done);
}
