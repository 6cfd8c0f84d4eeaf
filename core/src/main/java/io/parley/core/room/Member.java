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

    /** The node of a single-process server, and of every member that names no other. */
    String LOCAL_NODE = "local";

    /** Unique among its node's connections for the node's lifetime. */
    long id();

    /**
     * The node this member's connection is on: the {@link ChatService#node() node} of the chat
     * service it joins rooms through. A single-process server has one node, {@link #LOCAL_NODE}.
     */
    default String node() {
        return LOCAL_NODE;
    }

    /** The thread (an event loop) that owns this member's connection. */
    Executor executor();

    /**
     * Hands the member an event of a room it belongs to (including its own join and leave), on
     * {@link #executor()}. Must return at once; an implementation that cannot keep up drops the
     * connection, never the room's pace.
     */
    void deliver(RoomEvent event);
}
