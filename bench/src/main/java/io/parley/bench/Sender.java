package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One member's open-loop send schedule: message {@code k} is due at {@code first + k * interval}
 * whatever happened to earlier ones (no waiting for replies). A late tick sends every message
 * that has fallen due, each stamped with the moment it is written or with its own intended time
 * ({@link LatencyFrom}); either way its lateness is recorded as send lag.
 *
 * <p>Confined to the member's event loop once started.
 */
final class Sender {

    final int index;
    private final BenchMember member;
    private final long intervalNanos;
    private final long epochNanos;
    private final int size;
    private final LatencyFrom latencyFrom;
    private long nextNanos;
    private long stopNanos;
    /** How many messages it has sent; also the next sequence number. */
    private long sent;

    Sender(int index, BenchMember member, long intervalNanos, long epochNanos, int size) {
        this(index, member, intervalNanos, epochNanos, size, LatencyFrom.WRITE);
    }

    Sender(int index, BenchMember member, long intervalNanos, long epochNanos, int size, LatencyFrom latencyFrom) {
        this.latencyFrom = latencyFrom;
        this.index = index;
        this.member = member;
        this.intervalNanos = intervalNanos;
        this.epochNanos = epochNanos;
        this.size = size;
    }

    BenchMember member() {
        return member;
    }

    /** Sets the schedule: the first message is due at {@code firstNanos}, none at or after {@code stopNanos}. */
    void schedule(long firstNanos, long stopNanos) {
        this.nextNanos = firstNanos;
        this.stopNanos = stopNanos;
    }

    /** Moves the end of the schedule: no message at or after {@code stopNanos}. On its loop. */
    void stopAt(long stopNanos) {
        this.stopNanos = stopNanos;
    }

    /** Sends every message due by {@code nowNanos}, in one write. */
    void sendDue(long nowNanos) {
        Channel channel = member.channel();
        if (nextNanos > nowNanos || nextNanos >= stopNanos || !channel.isActive()) {
            return;
        }
        ByteBuf out = channel.alloc().buffer();
        Recorder recorder = member.recorder();
        while (nextNanos <= nowNanos && nextNanos < stopNanos) {
            long stamp = latencyFrom == LatencyFrom.WRITE ? nowNanos : nextNanos;
            member.writeMessage(out, index, sent++, stamp - epochNanos, size);
            recorder.sent(nextNanos - epochNanos, nowNanos);
            nextNanos += intervalNanos;
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /**
     * The intended time of the next message, or {@link LoopSenders#NEVER} when there is none: the
     * schedule has ended or the connection is closed.
     */
    long nextDueNanos() {
        return nextNanos >= stopNanos || !member.channel().isActive() ? LoopSenders.NEVER : nextNanos;
    }

    long sent() {
        return sent;
    }
}
