package io.parley.bench;

import org.HdrHistogram.Histogram;

/**
 * Records one event loop's deliveries: the latency of each from its payload's stamp, and
 * counts of delivered, lost, duplicated and unexpected messages. Each event loop of a run has its
 * own Recorder, so recording takes no lock; {@link Recorders} reads them on their loops and adds
 * them up.
 *
 * <p>Not thread-safe: confined to one event loop (or, once the run is over, to whoever merges).
 */
final class Recorder {

    /** The longest latency recorded as itself (longer ones are recorded as this), in microseconds. */
    static final long MAX_MICROS = 10L * 60 * 1_000_000;
    /** HdrHistogram's precision: three significant digits. */
    private static final int DIGITS = 3;

    private final long epochNanos;
    /** Payloads stamped before this (the warm-up) are counted and checked but not timed. */
    private long measureFromNanos = Long.MAX_VALUE;
    final Histogram latency = new Histogram(MAX_MICROS, DIGITS);
    /** Connect to joined, per connection, in microseconds. */
    final Histogram joins = new Histogram(MAX_MICROS, DIGITS);
    /**
     * How late the bench itself wrote each timed message after its intended send time, in
     * microseconds: the part of {@link #latency} that is the bench's own, not the server's.
     */
    final Histogram sendLag = new Histogram(MAX_MICROS, DIGITS);
    private final Tally tally = new Tally();

    /** @param epochNanos the {@link System#nanoTime} that payloads' intended times count from */
    Recorder(long epochNanos) {
        this.epochNanos = epochNanos;
    }

    /** The loop's senders, polled after every message it receives (see {@link LoopSenders}). */
    private LoopSenders senders;

    /** From now on, {@link #pollSenders} gives {@code loopSenders} their chance to send. */
    void pollWith(LoopSenders loopSenders) {
        this.senders = loopSenders;
    }

    /** Lets the loop's senders send what has fallen due by {@code nowNanos}, between two reads. */
    void pollSenders(long nowNanos) {
        if (senders != null) {
            senders.poll(nowNanos);
        }
    }

    /** Times the payloads stamped from {@code nanos} on (nothing is timed before this is called). */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    /** A payload {@code received} by a member whose receipts are {@code receipts}, at {@code nowNanos}. */
    void delivered(Receipts receipts, Payload received, long nowNanos) {
        tally.payloads++;
        if (receipts.check == Receipts.Check.NONE) {
            return;
        }
        if (!receipts.isMember()) {
            tally.unexpected++;
            return;
        }
        if (received.sender >= receipts.senders()) {
            tally.others++;
            return;
        }
        long last = receipts.last(received.sender);
        if (last != Receipts.UNSEEN && received.seq <= last) {
            tally.duplicated++;
            return;
        }
        if (last != Receipts.UNSEEN && received.seq > last + 1) {
            tally.lost += received.seq - last - 1;
        }
        receipts.received(received.sender, received.seq);
        if (receipts.check == Receipts.Check.EXACT) {
            tally.delivered++;
        } else {
            tally.windowDelivered++;
        }
        long stamp = epochNanos + received.stampNanos;
        if (stamp >= measureFromNanos) {
            latency.recordValue(Math.min(MAX_MICROS, Math.max(0, nowNanos - stamp) / 1000));
        }
    }

    /** A message intended at {@code intendedNanos} (since the epoch) was written at {@code nowNanos}. */
    void sent(long intendedNanos, long nowNanos) {
        long intended = epochNanos + intendedNanos;
        if (intended >= measureFromNanos) {
            sendLag.recordValue(Math.min(MAX_MICROS, Math.max(0, nowNanos - intended) / 1000));
        }
    }

    /** A room message that is not a payload (an announcement, a join message). */
    void other() {
        tally.others++;
    }

    void refused(String what) {
        tally.refused++;
        if (tally.firstRefusal == null) {
            tally.firstRefusal = what;
        }
    }

    void joined(long connectedAtNanos, long nowNanos) {
        joins.recordValue(Math.min(MAX_MICROS, Math.max(0, nowNanos - connectedAtNanos) / 1000));
    }

    /**
     * Messages an exact member had not received after its last one when the run ended (see
     * {@link Receipts#missingAtEnd}): lost, or so late that the drain gave up on them.
     */
    void missingAtEnd(long count) {
        tally.missing += count;
    }

    /** A copy of the counts so far. */
    Tally tally() {
        return tally.copy();
    }

    /** Adds this recorder's histograms and counts to {@code total}'s. */
    void addTo(Recorder total) {
        total.latency.add(latency);
        total.joins.add(joins);
        total.sendLag.add(sendLag);
        total.tally.add(tally);
    }

    /** Counts of one recorder or of a whole run. Mutable; copied when read. */
    static final class Tally {
        /** Payloads received by any member, checked or not: the server's deliveries. */
        long payloads;
        /** Payloads received, once each, by exact members. */
        long delivered;
        /** Payloads received, once each, by members that came and went. */
        long windowDelivered;
        /** Messages missing between two that arrived: lost for certain. */
        long lost;
        /** Messages still missing after the last that arrived when the run ended. */
        long missing;
        long duplicated;
        /** Payloads received by a connection that had left its room. */
        long unexpected;
        long others;
        long refused;
        String firstRefusal;

        Tally copy() {
            Tally copy = new Tally();
            copy.add(this);
            return copy;
        }

        void add(Tally other) {
            payloads += other.payloads;
            delivered += other.delivered;
            windowDelivered += other.windowDelivered;
            lost += other.lost;
            missing += other.missing;
            duplicated += other.duplicated;
            unexpected += other.unexpected;
            others += other.others;
            refused += other.refused;
            if (firstRefusal == null) {
                firstRefusal = other.firstRefusal;
            }
        }
    }
}
