package io.parley.bench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bench.BenchCommand;
import io.parley.bench.BenchResult;
import io.parley.bench.ResultFile;
import io.parley.bench.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code parley bench} in a test and checks what a user of its result would: the run passed
 * every check (nothing lost, duplicated, misplaced or refused, which {@link BenchResult#failures}
 * covers), and it did the work its shape asks for (whether it kept up with its rate is left to
 * the verdict: tests run on busy machines). Shared by the tests against Parley and the one
 * against a NATS server.
 */
public final class BenchRuns {

    private BenchRuns() {}

    /** Runs the bench with {@code args} plus {@code --out out}, checks the result and returns it. */
    public static BenchResult runAndCheck(Path out, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--out", out.toString()));
        int exit = new CommandLine(new BenchCommand()).execute(command.toArray(String[]::new));

        assertThat(out).as("the result file of a run that exited with %d", exit).exists();
        BenchResult result = ResultFile.read(out);
        assertThat(result.failures()).isEmpty();
        // These runs check correctness, not throughput: a second-long run on a shared machine may
        // fall short of its rate (NOT SUSTAINED, exit 4) without anything being wrong.
        assertThat(result.verdict()).isIn(Verdict.PASSED, Verdict.NOT_SUSTAINED);
        assertThat(exit).isEqualTo(result.verdict().exitCode());
        BenchResult.Counts counts = result.counts();
        if (result.settings().senders() > 0) {
            assertThat(counts.expected()).isPositive();
            assertThat(counts.delivered()).isEqualTo(counts.expected());
        } else {
            assertThat(counts.joins()).isEqualTo(result.settings().connections());
        }
        if (result.workload().equals("W5")) {
            assertThat(counts.leaves()).as("churners left and came back").isPositive();
        }
        return result;
    }
}
