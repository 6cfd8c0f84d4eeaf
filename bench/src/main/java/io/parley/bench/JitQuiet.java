package io.parley.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells when this JVM's JIT compiler has gone quiet, so the measured interval starts with the
 * bench's own code compiled. Pinned to one core, the bench's compiler threads share that core
 * with its event loop: in a profile of W3 (1 M deliveries/s) the decoder, the payload parser and
 * the buffer allocator were compiled 3 to 8 seconds into the run, each compilation taking 0.3 to
 * 0.9 s on the busy core, while the loop ran slower code and fell behind by up to a second. That
 * latency was the bench's, not the server's. Warming up on the real traffic (rather than on
 * made-up input) compiles the paths the run takes, with the run's classes.
 *
 * <p>Not thread-safe: used by the workload's thread only.
 */
final class JitQuiet {

    /** The window the compiler must have been quiet over... */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** ...spending at most this much compiling in it (a late trickle of small methods is fine). */
    static final long QUIET_MILLIS = 20;

    private final LongSupplier compileMillis;
    /** Samples within the window: {time, compile millis}, oldest first. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** @param compileMillis the compiler's total time so far, in milliseconds, never decreasing */
    JitQuiet(LongSupplier compileMillis) {
        this.compileMillis = compileMillis;
    }

    /** This JVM's compiler; one that cannot be watched counts as quiet at once. */
    static JitQuiet ofThisJvm() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return new JitQuiet(() -> 0);
        }
        return new JitQuiet(compiler::getTotalCompilationTime);
    }

    /**
     * Takes a sample at {@code nowNanos}; true when the samples span the whole window and the
     * compiler spent at most {@link #QUIET_MILLIS} in it.
     */
    boolean quietAt(long nowNanos) {
        samples.addLast(new long[] {nowNanos, compileMillis.getAsLong()});
        // Keep the newest sample that is a whole window old, and those after it.
        while (samples.size() > 1 && nowNanos - secondOldest()[0] >= WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] oldest = samples.getFirst();
        return nowNanos - oldest[0] >= WINDOW_NANOS && samples.getLast()[1] - oldest[1] <= QUIET_MILLIS;
    }

    private long[] secondOldest() {
        Iterator<long[]> it = samples.iterator();
        it.next();
        return it.next();
    }
}
