package io.parley.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one run measured, as written to its result file. Boxed numbers are null when they were
 * not measured (no {@code --server-pid}, a workload without deliveries). Times in microseconds
 * unless named otherwise. Immutable.
 *
 * @param failures why the run failed (a lost message, a refused join...); empty when every check
 *     held (see {@link #verdict} for whether it also sustained its rate)
 * @param sendLag how late the bench wrote its timed messages after their intended send times (its
 *     own share of {@code latency}); null for a workload that sends nothing, or a file written
 *     before it was measured
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
        List<String> failures,
        Latency sendLag) {

    /**
     * How far below the offered rate a run may fall and still count as having sustained it: the
     * measured interval's edges (messages sent just before it, delivered in it, and the other
     * way round) and the tick-sized bursts of the schedule move a steady run by a few percent.
     */
    public static final double RATE_TOLERANCE = 0.10;

    public BenchResult {
        failures = List.copyOf(failures);
    }

    /** Whether every check held and the offered rate was sustained. */
    public boolean passed() {
        return verdict() == Verdict.PASSED;
    }

    public Verdict verdict() {
        if (!failures.isEmpty()) {
            return Verdict.FAILED;
        }
        return shortfall().isPresent() ? Verdict.NOT_SUSTAINED : Verdict.PASSED;
    }

    /**
     * Why the run did not sustain its offered rate, or empty when it did (or sent nothing). The
     * offered rates are the shape's: {@code settings.rate} messages per second in, and that times
     * each message's share of the expected deliveries out (for W3, 2,000 x 500 = 1 M/s). The
     * deliveries measured include those to members that come and go, so they are never below
     * what the exact members alone owe a run that keeps up.
     */
    public Optional<String> shortfall() {
        if (settings.senders() == 0 || settings.rate() <= 0 || settings.durationSeconds() <= 0 || counts.sent() == 0) {
            return Optional.empty();
        }
        double floor = 1 - RATE_TOLERANCE;
        if (rates.messages() < settings.rate() * floor) {
            return Optional.of(String.format(Locale.ROOT, "the senders sent %,.0f msg/s of the %,.0f offered"
                    + " (more than %.0f%% short): the bench itself fell behind", rates.messages(), settings.rate(),
                    RATE_TOLERANCE * 100));
        }
        double offeredDeliveries = settings.rate() * counts.expected() / counts.sent();
        if (rates.deliveries() < offeredDeliveries * floor) {
            return Optional.of(String.format(Locale.ROOT, "the server delivered %,.0f/s of the %,.0f deliveries/s"
                    + " offered (more than %.0f%% short): the figures are those of an overloaded server",
                    rates.deliveries(), offeredDeliveries, RATE_TOLERANCE * 100));
        }
        return Optional.empty();
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
     * to receipt), {@code join} (connect to joined) or {@code send lag} (intended send time to
     * the bench's write).
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
