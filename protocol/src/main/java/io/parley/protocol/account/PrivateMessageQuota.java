package io.parley.protocol.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

    /** Past this many tracked accounts, expired windows are swept. */
    private static final int SWEEP_ABOVE = 4096;

    private final long maxBytes;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    public PrivateMessageQuota(long maxBytes, Duration window, Clock clock) {
        this.maxBytes = maxBytes;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Takes {@code bytes} from the account's quota; returns null if they fit, else the
     * account-protocol error to send (nothing is taken).
     */
    String take(String accountKey, long bytes) {
        Instant now = clock.instant();
        if (usage.size() > SWEEP_ABOVE) {
            usage.values().removeIf(used -> used.expired(now, window));
        }
        Usage used = usage.computeIfAbsent(accountKey, k -> new Usage(now));
        synchronized (used) {
            if (used.expired(now, window)) {
                used.start = now;
                used.bytes = 0;
            }
            if (used.bytes + bytes > maxBytes) {
                long hours = Math.max(1, Duration.between(now, used.start.plus(window)).toMinutes() / 60 + 1);
                return "C ERR 429 private message limit reached: " + maxBytes + " bytes per account are stored per "
                        + window.toHours() + " hours; try again in " + hours + " hours";
            }
            used.bytes += bytes;
            return null;
        }
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
