package io.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ScriptedTerminal;
import io.parley.server.ParleyExtension;
import io.parley.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real directory client against the real server (directory.md, "Client"): it says
 * "Connected" only to a directory server, and hears at once when that server goes away. Each step
 * waits for what the client prints; nothing waits on time.
 */
class DirectoryClientAgainstServerTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.TCD_PORT, "off");

    private ScriptedTerminal screen;
    private Thread client;


    @AfterEach
    void stop() throws Exception {
        if (screen != null) {
            screen.endInput();
            client.join(ScriptedTerminal.TIMEOUT_MS);
            screen.close();
        }
    }

    /** Runs the client with {@code port} as its default server, up to its first prompt. */
    private void startClient(int port, Duration firstReplyTimeout) {
        screen = new ScriptedTerminal();
        DirectoryClientSettings settings =
                new DirectoryClientSettings("127.0.0.1", port, "mel", Optional.empty(), firstReplyTimeout);
        client = new Thread(() -> new DirectoryClient(screen.terminal(), settings).run(), "directory-client");
        client.start();
        screen.expect("parley> ");
    }

    @Test
    void onTheLinePortConnectSaysItIsTheWrongPort() {
        int line = server.port("line");
        startClient(line, Duration.ofSeconds(1));

        screen.typeLine("connect");

        // The line server answers nothing to a name (or refuses one): either way, not a directory server.
        screen.expect("127.0.0.1:" + line);
        screen.expect("; is this Parley's directory port (default 7712)?\nparley> ");
        assertThat(screen.screenText()).doesNotContain("Connected");
    }

    @Test
    void onTheAccountPortConnectShowsTheReplyAndSaysItIsTheWrongPort() {
        int account = server.port("account");
        startClient(account, DirectoryClientSettings.FIRST_REPLY_TIMEOUT);

        screen.typeLine("connect");

        screen.expect("unexpected reply from 127.0.0.1:" + account + " (not a directory reply: C ERR 400 ");
        screen.expect("; is this Parley's directory port (default 7712)?\nparley> ");
        assertThat(screen.screenText()).doesNotContain("Connected");
    }

    @Test
    void aServerThatStopsIsNoticedAtOnceAndThePromptGoesBack() throws Exception {
        int directory = server.port("directory");
        startClient(directory, DirectoryClientSettings.FIRST_REPLY_TIMEOUT);
        screen.typeLine("connect");
        screen.expect("Connected to the directory server at 127.0.0.1:" + directory + ".");
        screen.expect("parley(crds)> ");

        server.stop();

        screen.expect("The directory server at 127.0.0.1:" + directory + " closed the connection");
        screen.expect("; you are disconnected (connect to try again).");
        screen.expect("parley> ");
        screen.typeLine("getdir");
        screen.expect("Not connected: connect first.");
        assertThat(screen.screenText()).doesNotContain("Broken pipe").doesNotContain("parley(crds)> getdir");
    }
}
