package io.parley.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the bench itself was the bottleneck. A bench whose event loops are busy all the time
 * reads each socket only when its sweep comes round, so deliveries wait in its own sockets and
 * that wait is counted as latency. Measured on a quiet machine against the minimal C server
 * (docs/performance.md, "Calibration against chatload and refircd", round 4): in W4 the bench
 * used 88-100 % of its core where the C load generator, doing the same system calls, used
 * 65-77 %, and it read p50 / p99 of 4-6 / 30-36 ms where the C generator read 0.1 / 2.6-4.5 ms.
 * Stateless.
 */
final class BusyBench {

    /** At or above this share of a core per event loop, the bench's own queueing is in its latencies. */
    static final double BUSY_PERCENT_PER_LOOP = 90;

    private BusyBench() {}

    /**
     * The warning for a run in which the bench's process used {@code clientCpuPercent} of one core
     * (null: not measured) with {@code eventLoops} event loops, or empty when it had room to spare.
     */
    static Optional<String> warning(Double clientCpuPercent, int eventLoops) {
        if (clientCpuPercent == null || clientCpuPercent < BUSY_PERCENT_PER_LOOP * eventLoops) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the bench used %.0f%% of a core with %d event loop(s):"
                + " deliveries waited in its own sockets, so part of these latencies is the bench's own. Give it"
                + " a core of its own per event loop (--threads) or offer a lower rate", clientCpuPercent, eventLoops));
    }
}
