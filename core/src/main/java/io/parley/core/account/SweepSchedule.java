package io.parley.core.account;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a map of entries that expire is swept of its expired ones: at most once per interval, by
 * one caller. A sweep visits every entry, so sweeping on each call would make each call cost as
 * much as there are entries (which an attacker with many accounts or addresses decides); once per
 * interval, the calls in between cost nothing, and an entry is gone at most one interval after it
 * expired, which keeps the map as small as the entries live within one window and one interval.
 *
 * <p>Thread-safe.
 */
final class SweepSchedule {

    /** How often the budgets in this package sweep. */
    static final Duration EVERY_MINUTE = Duration.ofMinutes(1);

    private final long intervalMillis;
    private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sweeps = new AtomicLong();

    SweepSchedule(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** Runs {@code sweep} if no sweep ran within the last interval (and no other caller is about to). */
    void sweepIfDue(Instant now, Runnable sweep) {
        long next = nextSweepMillis.get();
        long millis = now.toEpochMilli();
        if (millis < next || !nextSweepMillis.compareAndSet(next, millis + intervalMillis)) {
            return;
        }
        sweeps.incrementAndGet();
        sweep.run();
    }

    /** How many sweeps ran: for tests. */
    long sweeps() {
        return sweeps.get();
    }
}
