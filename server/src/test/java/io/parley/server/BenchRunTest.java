package io.parley.server;

import io.parley.bench.testing.BenchRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley bench} end to end against a real server: small runs of each kind of workload
 * over both protocols must deliver everything they owe, lose nothing and duplicate nothing.
 * Correctness only: nothing here looks at how fast it went.
 */
class BenchRunTest {

    @TempDir
    Path results;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "line, W3, 12, 3, 300",
        "tcd, W3, 12, 3, 300",
        "line, W5, 15, 3, 300",
        "tcd, W5, 15, 3, 300",
        "tcd, W6, 12, 2, 300",
        "line, W2, 40, 0, 0",
        "tcd, W2, 40, 0, 0"})
    void aSmallRunDeliversEverythingItOwes(String protocol, String workload, int connections, int senders,
            int rate) throws Exception {
        Path out = results.resolve(workload + "-" + protocol + ".json");
        List<String> args = new ArrayList<>(List.of("--protocol", protocol, "--workload", workload,
                "--port", Integer.toString(server.port(protocol)), "--connections", Integer.toString(connections),
                "--rooms", "1", "--in-flight", "10", "--duration", "1", "--warmup", "0",
                "--server-pid", Long.toString(ProcessHandle.current().pid())));
        if (senders > 0) {
            args.addAll(List.of("--senders", Integer.toString(senders), "--rate", Integer.toString(rate)));
        }

        BenchRuns.runAndCheck(out, args);
    }
}
