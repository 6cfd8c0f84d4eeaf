package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads when asking for help and when the server starts. */
class StartupOutputTest {

    @TempDir
    Path data;

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        int exitCode = Main.commandLine().setOut(new PrintWriter(out, true)).execute(args);
        assertThat(exitCode).isZero();
        return out.toString();
    }

    @Test
    void parleyHelpPointsToServeHelpWhichListsEveryFlagTheReadmeNames() {
        assertThat(help("--help")).contains("'parley serve --help' lists the server's");
        assertThat(help("serve", "--help")).contains("--config", "--data", "--bind", "--tcd", "--line",
                "--directory", "--account", "--admin", "--allow-kill");
    }

    @Test
    void aServerOnEveryInterfaceSaysSoInEachListenerLineAndPrintsNothingElse() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ParleyServer server = TestServer.start(data, Map.of(ServerConfig.BIND, "*"), out);
        try {
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "TCD protocol listening on port " + server.port("tcd") + " (all interfaces)",
                    "Line protocol listening on port " + server.port("line") + " (all interfaces), room lobby",
                    "Account protocol listening on port " + server.port("account") + " (all interfaces)",
                    "Chat Room Directory Server listening on port " + server.port("directory") + " ...");
        } finally {
            server.stop();
        }
    }
}
