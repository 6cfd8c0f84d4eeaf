package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bench.BenchResult;
import io.parley.bench.testing.BenchRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code parley bench --protocol irc} and {@code --protocol ws} (IRC over the web listener's
 * WebSocket) against a real server: small runs of each kind of workload must count every delivery
 * they owe (a sender's own messages come back through echo-message), lose and duplicate nothing,
 * and W5's churners must leave and come back. Correctness only.
 */
class IrcBenchRunTest {

    @TempDir
    Path results;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    @ParameterizedTest(name = "{0} {1} in {2} room(s)")
    @CsvSource({
        "irc, W3, 1, 12, 3, 300",
        "irc, W4, 3, 12, 3, 300",
        "irc, W5, 1, 15, 3, 300",
        "irc, W6, 1, 12, 2, 300",
        "irc, W2, 2, 40, 0, 0",
        // Smaller over WebSocket: under the tests' paranoid leak detection every byte the bench's
        // client masks, and every frame it decodes, records a stack trace, so a delivery costs its
        // one event loop about a millisecond; on a loaded machine the irc shapes' 3,600 a second
        // left that loop so far behind that its recorders went unread for 30 s and the run failed.
        "ws, W3, 1, 6, 2, 100",
        "ws, W4, 3, 6, 3, 100",
        "ws, W5, 1, 10, 2, 100",
        "ws, W2, 2, 20, 0, 0"})
    void aSmallRunCountsEveryDeliveryItOwes(String protocol, String workload, int rooms, int connections, int senders,
            int rate) throws Exception {
        Path out = results.resolve(workload + "-" + protocol + ".json");
        String listener = protocol.equals("ws") ? "web" : "irc";
        List<String> args = new ArrayList<>(List.of("--protocol", protocol, "--workload", workload,
                "--port", Integer.toString(server.port(listener)), "--connections", Integer.toString(connections),
                "--rooms", Integer.toString(rooms), "--in-flight", "10", "--duration", "1", "--warmup", "0",
                // The drain ends once every delivery owed has arrived; this is only how long a
                // run that lost some waits before failing, generous for a loaded machine.
                "--drain", "120", "--server-pid", Long.toString(ProcessHandle.current().pid())));
        if (senders > 0) {
            args.addAll(List.of("--senders", Integer.toString(senders), "--rate", Integer.toString(rate)));
        }

        BenchResult result = BenchRuns.runAndCheck(out, args);

        assertThat(result.protocol()).isEqualTo(protocol);
        if (senders > 0) {
            assertThat(result.counts().delivered()).as("deliveries counted").isPositive();
        }
    }
}
