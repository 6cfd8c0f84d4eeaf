package io.parley.protocol;

import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a failure to allocate memory (Netty's {@code OutOfDirectMemoryError} is an
 * {@link OutOfMemoryError}) that reached a connection's handler, at ERROR: it means the server is
 * out of the memory every connection shares, which an operator must hear of even though the
 * connection itself is simply closed. Logged at most once per {@link #INTERVAL_NANOS}, with the
 * number of failures since the last report, so a storm of them cannot flood the log.
 *
 * <p>Thread-safe.
 */
public final class AllocationFailures {

    private static final Logger log = LoggerFactory.getLogger(AllocationFailures.class);
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final AtomicLong lastReport = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private static final AtomicLong unreported = new AtomicLong();

    /** Reports a write that failed for want of memory; add it to a write's future. */
    public static final ChannelFutureListener ON_WRITE_FAILURE = written -> {
        if (!written.isSuccess()) {
            report(written.cause(), written.channel().remoteAddress());
        }
    };

    private AllocationFailures() {}

    /**
     * Logs {@code failure} at ERROR, rate-limited, if it is or was caused by an
     * {@link OutOfMemoryError}; returns whether it was one.
     */
    public static boolean report(Throwable failure, Object connection) {
        OutOfMemoryError error = outOfMemory(failure);
        if (error == null) {
            return false;
        }
        long failures = unreported.incrementAndGet();
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
            unreported.addAndGet(-failures);
            log.error("Out of memory while serving {} ({} such failure(s) since the last report); the connection"
                    + " is closed. Raise -XX:MaxDirectMemorySize or lower connection.max-pending-output-bytes",
                    connection, failures, error);
        }
        return true;
    }

    private static OutOfMemoryError outOfMemory(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError error) {
                return error;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
