package io.parley.core;

/**
 * A connection in one or more rooms, on any protocol, as the core sees it: something with an id
 * that room events can be delivered to. The core never knows what is behind it.
 *
 * <p>Thread-safety: {@link #deliver} is called by the room bus, from a thread that is not the
 * member's own (never concurrently for the same room, and always in the room's order). It must
 * not block: an implementation queues the event for its connection and returns.
 */
public interface Member {

    /** Unique among the server's connections for the server's lifetime. */
    long id();

    /**
     * Hands the member an event of a room it belongs to (including its own join and leave).
     * Must return at once; an implementation that cannot keep up drops the connection, never
     * the room's pace.
     */
    void deliver(RoomEvent event);
}
