package io.parley.core.room;

import java.util.function.Consumer;

/**
 * The fan-out seam: every committed room event goes to the rooms' members through here, and only
 * through here. Each node {@link #subscribe subscribes} its local delivery (its
 * {@link RoomRegistry#deliver}); the in-process {@link LocalRoomBus} has one node, a cluster bus
 * would publish to the other nodes and hand what it receives to its own.
 *
 * <p>Order: {@link ChatService} publishes each event from the {@link EventLog}'s callback, so in
 * the log's order; a bus hands every subscriber each room's events in the order they were
 * published, one at a time per room (different rooms may be delivered at once).
 *
 * <p>Thread-safety: implementations are thread-safe; {@link #publish} never blocks and may
 * deliver later, on another thread.
 */
public interface RoomBus {

    /** Adds a node's local delivery: it will be handed every event published from now on. */
    void subscribe(Consumer<RoomEvent> localDelivery);

    /**
     * Delivers a committed event to every node's members of its room, after the events of the
     * room published before it; then runs {@code delivered} (once this node's members have been
     * handed the event), in the room's order.
     */
    void publish(RoomEvent event, Runnable delivered);
}
