package io.parley.bench;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.parley.bench.testing.BenchRuns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code parley bench --protocol nats} against a real NATS server started here on a free port:
 * the peer measurement must deliver and check everything as it does against Parley. Runs where
 * a {@code nats-server} binary is installed (CI installs one); skipped, saying so, elsewhere.
 */
class NatsPeerRunTest {

    @TempDir
    Path results;

    private Process nats;
    private int port;

    @BeforeEach
    void startNatsServer() throws Exception {
        Optional<Path> binary = natsServerBinary();
        assumeThat(binary).as("a nats-server binary on the PATH or in /usr/sbin").isPresent();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        nats = new ProcessBuilder(binary.get().toString(), "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread log = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(nats.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("Server is ready")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("nats-server exited before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "nats-server-log");
        log.setDaemon(true);
        log.start();
        ready.get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopNatsServer() throws InterruptedException {
        if (nats != null) {
            nats.destroy();
            nats.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"W3, 12, 3", "W4, 20, 4", "W5, 15, 3", "W2, 40, 0"})
    void aSmallRunAgainstNatsDeliversEverythingItOwes(String workload, int connections, int senders) throws Exception {
        Path out = results.resolve(workload + "-nats.json");
        List<String> args = new ArrayList<>(List.of("--protocol", "nats", "--workload", workload,
                "--port", Integer.toString(port), "--connections", Integer.toString(connections),
                "--rooms", workload.equals("W4") ? "4" : "1", "--in-flight", "10", "--duration", "1", "--warmup", "0",
                "--server-pid", Long.toString(nats.pid())));
        if (senders > 0) {
            args.addAll(List.of("--senders", Integer.toString(senders), "--rate", "300"));
        }

        BenchRuns.runAndCheck(out, args);
    }

    private static Optional<Path> natsServerBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "nats-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
