package io.parley.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * A log line that whoever triggers it cannot repeat into a flood: at most one per interval, the
 * next one saying how many were left out meanwhile (600 wrong passwords in flight once wrote
 * 369 MB of log in 30 s). Arguments must already be safe to log (no client text unescaped).
 *
 * <p>Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private Instant last = Instant.MIN;
    private long suppressed;

    public RateLimitedLog(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs at WARN unless a line was logged within the interval. */
    public void warn(String message) {
        long left;
        synchronized (this) {
            Instant now = clock.instant();
            if (last != Instant.MIN && now.isBefore(last.plus(interval))) {
                suppressed++;
                return;
            }
            last = now;
            left = suppressed;
            suppressed = 0;
        }
        if (left == 0) {
            log.warn(message);
        } else {
            log.warn("{} ({} similar left out in the last {} s)", message, left, interval.toSeconds());
        }
    }
}
