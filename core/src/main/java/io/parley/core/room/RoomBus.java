package io.parley.core.room;

/**
 * The fan-out seam: every room event goes to the room's members through here, and only through
 * here. The in-process {@link LocalRoomBus} dispatches at once; a cluster implementation would
 * publish to the other nodes and dispatch what it receives to its local members.
 *
 * <p>Thread-safety: implementations are thread-safe and keep each room's events in the order
 * they were published.
 */
public interface RoomBus {

    /** Delivers the event to every member of its room, in the room's order. Never blocks. */
    void publish(RoomEvent event);
}
