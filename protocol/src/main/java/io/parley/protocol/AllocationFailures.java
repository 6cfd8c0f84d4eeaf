package io.parley.protocol;

import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a failure to allocate memory (Netty's {@code OutOfDirectMemoryError} is an
 * {@link OutOfMemoryError}) that reached a connection's handler or write, at ERROR: it means the
 * server is out of the memory every connection shares, which an operator must hear of even though
 * the connection itself is simply closed. Logged at most once per {@link #INTERVAL_NANOS}, with
 * the number of failures since the last report, so a storm of them cannot flood the log.
 *
 * <p>Thread-safe.
 */
public final class AllocationFailures {

    private static final Logger log = LoggerFactory.getLogger(AllocationFailures.class);
    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** The server's: every connection reports here. */
    private static final AllocationFailures SERVER = new AllocationFailures(System::nanoTime, log::error);

    /** Reports a write that failed for want of memory; add it to a write's future. */
    public static final ChannelFutureListener ON_WRITE_FAILURE = written -> {
        if (!written.isSuccess()) {
            report(written.cause(), written.channel().remoteAddress());
        }
    };

    private final LongSupplier clock;
    private final BiConsumer<String, Throwable> errorLog;
    private final AtomicLong lastReport;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /** @param errorLog where a report goes (the server's: its log, at ERROR) */
    AllocationFailures(LongSupplier clock, BiConsumer<String, Throwable> errorLog) {
        this.clock = clock;
        this.errorLog = errorLog;
        this.lastReport = new AtomicLong(clock.getAsLong() - INTERVAL_NANOS);
    }

    /**
     * Logs {@code failure} at ERROR, rate-limited, if it is or was caused by an
     * {@link OutOfMemoryError}; returns whether it was one.
     */
    public static boolean report(Throwable failure, Object connection) {
        return SERVER.check(failure, connection);
    }

    /** How many allocation failures the server's connections have met since it started. */
    public static long total() {
        return SERVER.total.get();
    }

    boolean check(Throwable failure, Object connection) {
        OutOfMemoryError error = outOfMemory(failure);
        if (error == null) {
            return false;
        }
        total.incrementAndGet();
        long failures = unreported.incrementAndGet();
        long now = clock.getAsLong();
        long last = lastReport.get();
        if (now - last >= INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
            unreported.addAndGet(-failures);
            errorLog.accept("Out of memory while serving " + connection + " (" + failures
                    + " such failure(s) since the last report); the connection is closed. Raise"
                    + " -XX:MaxDirectMemorySize or lower connection.max-pending-output-bytes", error);
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
