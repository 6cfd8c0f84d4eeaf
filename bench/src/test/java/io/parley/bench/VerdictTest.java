package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's verdict: PASSED only when every check held and the offered rate was sustained; a run
 * whose server fell behind (issue 12's W3 at 427 k of 1 M deliveries/s) says so and exits 4.
 */
class VerdictTest {

    /** W3's shape: 2,000 msg/s into a room of 500, so 1 M deliveries/s offered. */
    private static BenchResult w3(double messagesPerSecond, double deliveriesPerSecond, List<String> failures) {
        BenchResult sample = ResultFileTest.sample("W3", 7_700_000, failures);
        return new BenchResult(sample.workload(), sample.protocol(), sample.started(), sample.machine(),
                sample.settings(), new BenchResult.Counts(20_000, 10_000_000, 10_000_000, 0, 0, 0, 0, 0, 500, 0, 500,
                        0, 0, 0),
                sample.latency(), new BenchResult.Rates(messagesPerSecond, deliveriesPerSecond, 0), sample.server(),
                sample.clientCpuPercent(), failures, sample.sendLag());
    }

    private static String printed(BenchResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryTable.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunWhoseServerDeliveredFarBelowTheOfferedRateIsNotPassed() {
        BenchResult result = w3(2_000, 427_000, List.of());

        assertThat(result.passed()).isFalse();
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_SUSTAINED);
        assertThat(result.verdict().exitCode()).isEqualTo(4);
        String summary = printed(result);
        assertThat(summary.lines().findFirst().orElseThrow()).endsWith(": NOT SUSTAINED").doesNotContain("PASSED");
        assertThat(summary).contains("NOT SUSTAINED  the server delivered 427,000/s of the 1,000,000 deliveries/s");
    }

    @Test
    void aRunWhoseSendersFellBehindIsNotPassed() {
        BenchResult result = w3(1_500, 750_000, List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_SUSTAINED);
        assertThat(result.shortfall()).hasValueSatisfying(why -> assertThat(why).contains("1,500 msg/s of the 2,000"));
    }

    @Test
    void aRunWithinTheToleranceOfItsRatePasses() {
        BenchResult result = w3(1_950, 930_000, List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.verdict().exitCode()).isZero();
        assertThat(printed(result).lines().findFirst().orElseThrow()).endsWith(": PASSED");
    }

    @Test
    void aRunThatLostMessagesIsFailedWhateverItsRate() {
        BenchResult result = w3(2_000, 427_000, List.of("10 deliveries lost"));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.verdict().exitCode()).isEqualTo(1);
    }

    @Test
    void aConnectionWorkloadHasNoRateToSustain() {
        BenchResult sample = ResultFileTest.sample("W2", 4000, List.of());
        BenchResult storm = new BenchResult("W2", "line", sample.started(), sample.machine(),
                new BenchResult.Settings(10_000, 100, 0, 0, 0, 2, 100, 1000),
                new BenchResult.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10_000, 0, 0, 0), sample.latency(),
                new BenchResult.Rates(0, 0, 5_000), sample.server(), 50.0, List.of(), null);

        assertThat(storm.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void theTableOfRepeatsCountsRunsThatWereNotSustained() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryTable.printMedians(List.of(w3(2_000, 999_000, List.of()), w3(2_000, 427_000, List.of())),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);

        assertThat(table.lines().toList().get(1)).endsWith("1 not sustained");
        assertThat(table).contains("NOT SUSTAINED W3 line");
    }
}
