package io.parley.core.room;

/**
 * The single-process room bus: dispatches to the room's members on the publishing thread. The
 * caller ({@link ChatService}, on the event log's callback thread) already publishes one event at
 * a time in log order, so each room's order is kept. Thread-safe.
 */
public final class LocalRoomBus implements RoomBus {

    @Override
    public void publish(RoomEvent event) {
        event.room().dispatch(event);
    }
}
