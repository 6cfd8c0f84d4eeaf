package io.parley.core.room;

import java.util.concurrent.Executor;

/**
 * A connection in one or more rooms, on any protocol, as the core sees it: something with an id
 * that room events can be delivered to, on the thread that owns it. The core never knows what is
 * behind it.
 *
 * <p>Thread-safety: {@link #deliver} is called on {@link #executor()}, always in each room's
 * order. Rooms hand one task per executor per event to all the members that share it, so fan-out
 * costs a task per thread, not per member.
 */
public interface Member {

    /** Unique among the server's connections for the server's lifetime. */
    long id();

    /** The thread (an event loop) that owns this member's connection. */
    Executor executor();

    /**
     * Hands the member an event of a room it belongs to (including its own join and leave), on
     * {@link #executor()}. Must return at once; an implementation that cannot keep up drops the
     * connection, never the room's pace.
     */
    void deliver(RoomEvent event);
}
