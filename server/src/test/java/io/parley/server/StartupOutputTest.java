package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator reads when asking for help and when the server starts. */
class StartupOutputTest {

    @RegisterExtension
    final ParleyExtension parley = ParleyExtension.startedByEachTest();

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
                "--directory", "--account", "--web", "--web-tls", "--admin", "--allow-kill");
    }

    @Test
    void aServerOnEveryInterfaceSaysSoInEachListenerLineAndPrintsNothingElse() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ParleyServer server = parley.start(Map.of(ServerConfig.BIND, "*"), out).parley();
        try {
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "TCD protocol listening on port " + server.port("tcd") + " (all interfaces)",
                    "Line protocol listening on port " + server.port("line") + " (all interfaces), room lobby",
                    "Account protocol listening on port " + server.port("account") + " (all interfaces)",
                    "Chat Room Directory Server listening on port " + server.port("directory") + " ...",
                    "IRC listening on port " + server.port("irc") + " (all interfaces)",
                    "Web client listening on port " + server.port("web") + " (all interfaces): open http://localhost:"
                            + server.port("web") + "/");
        } finally {
            server.stop();
        }
    }

    @Test
    void listenersOnlyTcdPrintsOnlyTheTcdLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParleyServer server = parley.start(Map.of(ServerConfig.LISTENERS_ONLY, "tcd"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).parley();
        try {
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "TCD protocol listening on port " + server.port("tcd") + " (127.0.0.1)");
        } finally {
            server.stop();
        }
    }

    /**
     * Two servers side by side with only their chat ports given (as scripts have always started
     * them) both start: the second finds the default admin port taken and goes on without it.
     */
    @Test
    void theDefaultAdminPortTakenLeavesTheAdminListenerOffAndTheServerStarts() throws Exception {
        int defaultPort = Integer.parseInt(ServerConfig.DEFAULTS.get(ServerConfig.ADMIN_PORT));
        ServerSocket holder = null;
        try {
            holder = new ServerSocket(defaultPort, 50, InetAddress.getByName("127.0.0.1"));
        } catch (BindException alreadyTaken) {
            // taken by another program: the same situation
        }
        Map<String, String> settings = Map.of(ServerConfig.LISTENERS_ONLY, "tcd",
                ServerConfig.ADMIN_PORT, Integer.toString(defaultPort)); // as parley.conf says it
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ParleyServer server = parley.start(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8)).parley();
            try {
                assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                        "TCD protocol listening on port " + server.port("tcd") + " (127.0.0.1)");
                assertThatThrownBy(server::adminPort).isInstanceOf(IllegalArgumentException.class);
            } finally {
                server.stop();
            }
        } finally {
            if (holder != null) {
                holder.close();
            }
        }
    }
}
