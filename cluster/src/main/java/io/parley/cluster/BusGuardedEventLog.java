package io.parley.cluster;

import io.parley.core.StoreBusyException;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomEvent;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The event log of a cluster node: refuses new chat messages while the bus is down, so a message
 * is never acknowledged to its sender while the other nodes cannot hear of it. The refusal is the
 * store's "busy" one, which every protocol already reports in its "try again" form; joins and
 * leaves pass (the log's contract: they are never refused). When the bus is back, messages flow
 * again and the other nodes read anything they missed from the store.
 *
 * <p>Thread-safe, as the log it wraps.
 */
public final class BusGuardedEventLog implements EventLog {

    private final EventLog log;
    private final BooleanSupplier busUp;

    public BusGuardedEventLog(EventLog log, BooleanSupplier busUp) {
        this.log = log;
        this.busUp = busUp;
    }

    @Override
    public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
        if (event instanceof RoomEvent.Posted && !busUp.getAsBoolean()) {
            done.accept(event, new StoreBusyException("the cluster bus is unreachable; try again shortly"));
            return;
        }
        log.append(event, done);
    }
}
