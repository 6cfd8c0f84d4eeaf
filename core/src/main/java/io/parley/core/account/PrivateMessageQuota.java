package io.parley.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bytes of private messages each account may have stored per window (a day by default):
 * every private message is kept in history, so without it one account could fill the disk. The
 * window starts with the account's first message in it. Kept in memory: a restart starts every
 * account's window afresh, which bounds the stored volume per account per day, not for ever.
 *
 * <p>Thread-safe.
 */
public final class PrivateMessageQuota {

    private final long maxBytes;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final SweepSchedule sweeps = new SweepSchedule(SweepSchedule.EVERY_MINUTE);

    public PrivateMessageQuota(long maxBytes, Duration window, Clock clock) {
        this.maxBytes = maxBytes;
        this.window = window;
        this.clock = clock;
    }

    /** A message that did not fit: the budget, its window, and how long until the window ends. */
    public record Exceeded(long maxBytes, Duration window, Duration retryAfter) {

        /** {@link #retryAfter} in hours, rounded up, at least 1: what a client is told. */
        public long retryAfterHours() {
            return Math.max(1, retryAfter.toMinutes() / 60 + 1);
        }
    }

    /**
     * Takes {@code bytes} from the account's quota; returns empty if they fit, else why not
     * (nothing is taken).
     */
    public Optional<Exceeded> take(String accountKey, long bytes) {
        Instant now = clock.instant();
        sweeps.sweepIfDue(now, () -> usage.keySet().forEach(key -> usage.computeIfPresent(key,
                (k, used) -> used.expired(now, window) ? null : used)));
        Exceeded[] refusal = new Exceeded[1];
        // In compute, so that a sweep cannot drop the window between finding and charging it.
        usage.compute(accountKey, (k, used) -> {
            Usage live = used == null || used.expired(now, window) ? new Usage(now) : used;
            synchronized (live) {
                if (live.bytes + bytes > maxBytes) {
                    refusal[0] = new Exceeded(maxBytes, window, Duration.between(now, live.start.plus(window)));
                } else {
                    live.bytes += bytes;
                }
            }
            return live;
        });
        return Optional.ofNullable(refusal[0]);
    }

    /**
     * Gives back {@code bytes} {@linkplain #take taken} for a message that was not stored after
     * all. (Taken just before a window ended, they are given back to the next one: at most one
     * message more that day.)
     */
    public void giveBack(String accountKey, long bytes) {
        usage.computeIfPresent(accountKey, (k, used) -> {
            synchronized (used) {
                used.bytes = Math.max(0, used.bytes - bytes);
            }
            return used;
        });
    }

    /** How many sweeps of expired windows ran: for tests. */
    long sweeps() {
        return sweeps.sweeps();
    }

    /** How many accounts' windows are kept: for tests. */
    int tracked() {
        return usage.size();
    }

    /** Bytes taken since {@code start}. Guarded by itself. */
    private static final class Usage {
        Instant start;
        long bytes;

        Usage(Instant start) {
            this.start = start;
        }

        synchronized boolean expired(Instant now, Duration length) {
            return !now.isBefore(start.plus(length));
        }
    }
}
