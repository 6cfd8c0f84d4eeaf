package io.parley.core.room;

import io.parley.core.pass.PassEnd;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The in-process room bus of a single node: delivers each published event to every subscribed
 * node (a single-process server has one) on the publishing thread, which is the store's (the
 * log's callback), and reports each delivery ({@code delivered}, which completes the post's, join's
 * or leave's stage) on the completion executor, the server's {@code parley-fanout}.
 *
 * <p>Why the split. Delivering is {@link Room#deliver}: the roster update and {@link LocalFanOut}
 * handing one task per event loop; it never blocks nor waits for the store, so the store thread
 * may run it, and the message reaches the loops without waiting for another thread to be
 * scheduled (on a one-core server that hop cost milliseconds). What waits on a stage is anybody's
 * code (protocol handlers, the directory, {@code thenCompose} chains that may ask the store again
 * and wait for it): run on the store thread, a continuation that waited for the store would wait
 * for itself. So no stage completes here on the publishing thread; every continuation runs on the
 * completion executor, as before.
 *
 * <p>Order: all rooms share one serial lane for delivery ({@link RoomLanes} on a direct executor,
 * under one key) and one for completions: events are delivered in the order they were published,
 * which is the log's (a member in several rooms sees them in that order too: a TCD
 * {@code DISCONNECT} announces its leaves in the order it made them), and their stages complete in
 * that order, each after its delivery. The delivery lane runs on whichever thread publishes
 * (normally only the store's; a leave refused by the log at once publishes from its own thread), and
 * a publish that finds another thread in the lane leaves its event to that thread, in order.
 *
 * <p>Thread-safe.
 */
public final class LocalRoomBus implements RoomBus {

    private final List<Consumer<RoomEvent>> nodes = new CopyOnWriteArrayList<>();
    /** The one lane's key: every room's events go through it. */
    private static final int ALL_ROOMS = 0;
    private final RoomLanes deliveries = new RoomLanes(Runnable::run);
    private final RoomLanes completions;

    /** A bus that delivers and reports on the publishing thread (tests, benchmarks). */
    public LocalRoomBus() {
        this(Runnable::run);
    }

    /**
     * A bus that delivers on the publishing thread and reports deliveries on {@code completions}
     * (the server's {@code parley-fanout} thread): no continuation of a stage runs on the store's.
     */
    public LocalRoomBus(Executor completions) {
        // Handed to parley-fanout once per pass of the publishing thread (the store's: once per
        // batch), not once per event: see PassEnd.
        this.completions = new RoomLanes(PassEnd.handingOverAtPassEnd(completions));
    }

    @Override
    public void subscribe(Consumer<RoomEvent> localDelivery) {
        nodes.add(localDelivery);
    }

    @Override
    public void publish(RoomEvent event, Runnable delivered) {
        deliveries.submit(ALL_ROOMS, () -> {
            try {
                for (Consumer<RoomEvent> node : nodes) {
                    node.accept(event);
                }
            } finally {
                completions.submit(ALL_ROOMS, delivered);
            }
        });
    }
}
