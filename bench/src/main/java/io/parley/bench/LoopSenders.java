package io.parley.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@link Sender}s whose connections live on one event loop, sent on time. Each message is
 * written when it falls due, not at the next tick of a coarse timer: a wake-up is scheduled for
 * the earliest due message, and {@link #poll} lets the loop send between the deliveries it reads,
 * so a loop busy reading a burst (at 1 M deliveries/s a round of reads takes milliseconds) does
 * not hold back the sends behind it. Lateness still counts as latency (messages carry their
 * intended time), but the bench no longer adds its own.
 *
 * <p>Confined to its event loop.
 */
final class LoopSenders {

    /** No message is due: the senders have stopped, or their connections closed. */
    static final long NEVER = Long.MAX_VALUE;

    private final EventLoop loop;
    private final List<Sender> senders;
    /** The earliest intended time of any sender's next message. */
    private long nextDueNanos = NEVER;
    /** The scheduled wake-up, if one is pending, and when it fires. */
    private ScheduledFuture<?> wakeUp;
    private long wakeUpNanos = NEVER;
    private boolean stopped;

    private final LongSupplier clock;

    LoopSenders(EventLoop loop, List<Sender> senders) {
        this(loop, senders, System::nanoTime);
    }

    /** @param clock {@link System#nanoTime}, or a test's */
    LoopSenders(EventLoop loop, List<Sender> senders, LongSupplier clock) {
        this.loop = loop;
        this.senders = List.copyOf(senders);
        this.clock = clock;
    }

    /** Sends what is already due and arms the wake-up for the rest. */
    void start() {
        sendDue(clock.getAsLong());
    }

    /** Sends what has fallen due by {@code nowNanos}; one comparison when nothing has. */
    void poll(long nowNanos) {
        if (nowNanos >= nextDueNanos) {
            sendDue(nowNanos);
        }
    }

    /** Ends every sender's schedule at {@code stopNanos}. */
    void stopAt(long stopNanos) {
        senders.forEach(sender -> sender.stopAt(stopNanos));
        if (!stopped) {
            nextDueNanos = senders.stream().mapToLong(Sender::nextDueNanos).min().orElse(NEVER);
            arm();
        }
    }

    /** Sends nothing more; a pending wake-up is cancelled. */
    void stop() {
        stopped = true;
        nextDueNanos = NEVER;
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
    }

    /** When the next message is due ({@link #NEVER} when none is), for tests. */
    long nextDueNanos() {
        return nextDueNanos;
    }

    private void sendDue(long nowNanos) {
        if (stopped) {
            return;
        }
        long next = NEVER;
        for (Sender sender : senders) {
            sender.sendDue(nowNanos);
            next = Math.min(next, sender.nextDueNanos());
        }
        nextDueNanos = next;
        arm();
    }

    /**
     * Schedules a wake-up at the next due time unless one is pending for no later (the due time
     * only moves forward, so a pending wake-up is at worst early and re-arms itself).
     */
    private void arm() {
        if (nextDueNanos == NEVER || (wakeUp != null && wakeUpNanos <= nextDueNanos)) {
            return;
        }
        wakeUpNanos = nextDueNanos;
        wakeUp = loop.schedule(this::wokenUp, Math.max(0, nextDueNanos - clock.getAsLong()), TimeUnit.NANOSECONDS);
    }

    private void wokenUp() {
        wakeUp = null;
        wakeUpNanos = NEVER;
        sendDue(clock.getAsLong());
    }
}
