package io.parley.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives every {@link Sender} by the clock: one ticking task per event loop sends what has
 * fallen due for the senders whose connections live on that loop. Thread-safe.
 */
final class SendSchedule {

    /** How often the senders are looked at; a finer rate just sends several messages per tick. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

    /**
     * Starts the senders: they are spread evenly over one interval from {@code startNanos} (so
     * they do not all send at once) and stop at {@code stopNanos}.
     */
    SendSchedule(List<Sender> senders, long intervalNanos, long startNanos, long stopNanos) {
        Map<EventLoop, List<Sender>> byLoop = new IdentityHashMap<>();
        for (int i = 0; i < senders.size(); i++) {
            Sender sender = senders.get(i);
            sender.schedule(startNanos + intervalNanos * i / senders.size(), stopNanos);
            byLoop.computeIfAbsent(sender.member().channel().eventLoop(), loop -> new ArrayList<>()).add(sender);
        }
        long delay = Math.max(0, startNanos - System.nanoTime());
        byLoop.forEach((loop, onLoop) -> ticks.add(loop.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Sender sender : onLoop) {
                sender.sendDue(now);
            }
        }, delay, TICK_NANOS, TimeUnit.NANOSECONDS)));
    }

    void stop() {
        ticks.forEach(tick -> tick.cancel(false));
    }
}
