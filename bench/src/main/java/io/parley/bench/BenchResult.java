package io.parley.bench;

import java.util.List;

/**
 * What one run measured, as written to its result file. Boxed numbers are null when they were
 * not measured (no {@code --server-pid}, a workload without deliveries). Times in microseconds
 * unless named otherwise. Immutable.
 *
 * @param failures why the run failed (a lost message, a refused join...); empty when it passed
 */
public record BenchResult(
        String workload,
        String protocol,
        String started,
        String machine,
        Settings settings,
        Counts counts,
        Latency latency,
        Rates rates,
        Server server,
        Double clientCpuPercent,
        List<String> failures) {

    public BenchResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The run's shape, as given or defaulted. */
    public record Settings(int connections, int rooms, int senders, double rate, double durationSeconds,
            double warmupSeconds, int size, int inFlight) {}

    /**
     * Message and connection counts. {@code expected} is what every member present for the whole
     * run should have received (messages sent times their room's size); {@code delivered} what
     * those members did receive, once each; {@code lost} the messages missing between two that
     * a member received, {@code missing} those still owed after a member's last one when the
     * drain ended (lost, or later than the drain waited); {@code windowDelivered} what members
     * that came and went received while present.
     */
    public record Counts(long sent, long expected, long delivered, long lost, long missing, long duplicated,
            long unexpected,
            long windowDelivered, long others, long refused, long joins, long leaves, long slowDropped,
            long disconnected) {}

    /**
     * Latency percentiles, in microseconds, of {@code of}: {@code delivery} (intended send time
     * to receipt) or {@code join} (connect to joined).
     */
    public record Latency(String of, long count, double mean, long p50, long p90, long p99, long p999, long p9999,
            long max) {}

    /** Rates over the measured interval (warm-up and drain excluded), per second. */
    public record Rates(double messages, double deliveries, double connections) {}

    /** The server process, when its pid was given. */
    public record Server(Long pid, Double cpuSeconds, Double cpuPercent, Double cpuPerDeliveryMicros,
            Double cpuPerConnectionMicros, Long rssBeforeKib, Long rssAfterKib, Double rssPerConnectionBytes) {

        static final Server NOT_MEASURED = new Server(null, null, null, null, null, null, null, null);
    }
}
