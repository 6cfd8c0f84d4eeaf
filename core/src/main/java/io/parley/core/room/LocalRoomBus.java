package io.parley.core.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The in-process room bus: hands each published event to every subscribed node (a single-process
 * server has one) on its fan-out executor, so the publishing thread (the store's) never loops over
 * members. All rooms share one serial lane ({@link RoomLanes} under one key): events are delivered
 * in the order they were published, which is the log's, so a member in several rooms sees them in
 * that order too (a TCD {@code DISCONNECT} announces its leaves in the order it made them). One
 * lane costs nothing with the server's single fan-out thread; per-room lanes would only reorder
 * rooms against each other.
 *
 * <p>Thread-safe.
 */
public final class LocalRoomBus implements RoomBus {

    private final List<Consumer<RoomEvent>> nodes = new CopyOnWriteArrayList<>();
    /** The one lane's key: every room's events go through it. */
    private static final int ALL_ROOMS = 0;
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
        lanes.submit(ALL_ROOMS, () -> {
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
