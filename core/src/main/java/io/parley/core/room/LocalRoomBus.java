package io.parley.core.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The in-process room bus: hands each published event to every subscribed node (a single-process
 * server has one) in a serial lane per room ({@link RoomLanes}) on its fan-out executor, so each
 * room's order is kept and the publishing thread (the store's) never loops over members.
 *
 * <p>Thread-safe.
 */
public final class LocalRoomBus implements RoomBus {

    private final List<Consumer<RoomEvent>> nodes = new CopyOnWriteArrayList<>();
    private final RoomLanes lanes;

    /** A bus that delivers on the publishing thread (tests, benchmarks). */
    public LocalRoomBus() {
        this(Runnable::run);
    }

    /** A bus that delivers on {@code fanOut} (the server's {@code parley-fanout} thread). */
    public LocalRoomBus(Executor fanOut) {
        this.lanes = new RoomLanes(fanOut);
    }

    @Override
    public void subscribe(Consumer<RoomEvent> localDelivery) {
        nodes.add(localDelivery);
    }

    @Override
    public void publish(RoomEvent event, Runnable delivered) {
        lanes.submit(event.room().ref(), () -> {
            try {
                for (Consumer<RoomEvent> node : nodes) {
                    node.accept(event);
                }
            } finally {
                delivered.run();
            }
        });
    }
}
