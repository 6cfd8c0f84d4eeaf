package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --server-pid}: a pid that is not a Java process (the shell that started the server) is
 * refused before the run; one that is but used no CPU over the whole run is warned about and its
 * figures left out, instead of a silent "0 % of a core".
 */
class ServerPidTest {

    private Process process;

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPidThatIsNotAJavaProcessIsRefusedSayingWhatItIs() throws Exception {
        process = new ProcessBuilder("sleep", "60").start();
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true)).execute(
                "--protocol", "line", "--workload", "W3", "--port", Integer.toString(closedPort()),
                "--server-pid", Long.toString(process.pid()));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("--server-pid " + process.pid() + " is not a Java process but `sleep 60`;")
                .contains("pgrep -f parley.jar");
    }

    @Test
    void aJavaProcessThatIsNotParleyIsWarnedAbout() {
        List<String> surefire = List.of("/usr/lib/jvm/java-17/bin/java", "-jar", "surefirebooter.jar");

        assertThat(ServerProcess.refusal(42, surefire, Protocol.LINE)).isEmpty();
        assertThat(ServerProcess.warning(42, surefire, Protocol.LINE)).hasValueSatisfying(
                warning -> assertThat(warning).contains("not parley.jar"));
        assertThat(ServerProcess.warning(42, List.of("java", "-Xmn16m", "-jar", "server/target/parley.jar", "serve"),
                Protocol.TCD)).isEmpty();
        assertThat(ServerProcess.refusal(42, List.of("nats-server", "-p", "4222"), Protocol.NATS)).isEmpty();
    }

    @Test
    void aServerPidWhoseCpuNeverMovesGetsAWarningAndNoCpuFigures(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // A Java process that is stopped: it passes the command-line check and uses no CPU at all.
        Path idle = dir.resolve("Idle.java");
        Files.writeString(idle, "class Idle { public static void main(String[] a) throws Exception {"
                + " System.out.println(\"ready\"); Thread.sleep(120_000); } }");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", idle.toString()).redirectErrorStream(true).start();
        assertThat(new String(process.getInputStream().readNBytes(5))).isEqualTo("ready");
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor()).isZero();
        try (FanOutRoom room = FanOutRoom.start()) {
            Path out = dir.resolve("w3.json");
            StringWriter err = new StringWriter();
            java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stderr = System.err;
            System.setErr(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
            int exit;
            try {
                exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true)).execute(
                        "--protocol", "line", "--workload", "W3", "--port", Integer.toString(room.port()),
                        "--connections", "5", "--senders", "2", "--rate", "100", "--duration", "1", "--warmup", "0",
                        "--server-pid", Long.toString(process.pid()), "--out", out.toString());
            } finally {
                System.setErr(stderr);
            }

            // Passed, or not sustained on a busy machine: either way nothing failed.
            assertThat(exit).as(err + progress.toString()).isIn(Verdict.PASSED.exitCode(),
                    Verdict.NOT_SUSTAINED.exitCode());
            assertThat(progress.toString()).contains("process " + process.pid() + " used no CPU time during the"
                    + " whole run");
            BenchResult result = ResultFile.read(out);
            assertThat(result.server().pid()).isNull();
            assertThat(result.server().cpuPercent()).isNull();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
