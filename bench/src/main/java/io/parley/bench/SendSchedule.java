package io.parley.bench;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives every {@link Sender} by the clock: the senders are grouped by the event loop their
 * connection lives on, and each loop's {@link LoopSenders} sends what falls due, on time (see
 * there). Each loop's recorder polls its senders between deliveries. Thread-safe.
 */
final class SendSchedule {

    private final Map<EventLoop, LoopSenders> byLoop = new IdentityHashMap<>();

    /**
     * Starts the senders: they are spread evenly over one interval from {@code startNanos} (so
     * they do not all send at once) and stop at {@code stopNanos} (see also {@link #stopAt}).
     */
    SendSchedule(List<Sender> senders, long intervalNanos, long startNanos, long stopNanos, Recorders recorders) {
        Map<EventLoop, List<Sender>> grouped = new IdentityHashMap<>();
        for (int i = 0; i < senders.size(); i++) {
            Sender sender = senders.get(i);
            sender.schedule(startNanos + intervalNanos * i / senders.size(), stopNanos);
            grouped.computeIfAbsent(sender.member().channel().eventLoop(), loop -> new ArrayList<>()).add(sender);
        }
        grouped.forEach((loop, onLoop) -> {
            LoopSenders loopSenders = new LoopSenders(loop, onLoop);
            byLoop.put(loop, loopSenders);
            loop.execute(() -> {
                recorders.of(loop).pollWith(loopSenders);
                loopSenders.start();
            });
        });
    }

    /** Ends every sender's schedule at {@code stopNanos} (on their loops, soon after this call). */
    void stopAt(long stopNanos) {
        byLoop.forEach((loop, loopSenders) -> loop.execute(() -> loopSenders.stopAt(stopNanos)));
    }

    /** Stops every loop's senders (on their loops; a send in progress finishes). */
    void stop() {
        byLoop.forEach((loop, loopSenders) -> loop.execute(loopSenders::stop));
    }
}
