package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ScriptedTerminal;
import io.parley.server.ParleyExtension;
import io.parley.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real terminal client against the real server (account.md): two users log in, broadcast,
 * exchange an encrypted private message, read their history, exit, and find it all again after
 * the server restarts. Each step waits for what a client prints; nothing waits on time.
 */
class AccountClientAgainstServerTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path home;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.TCD_PORT, "off");
    private final List<Session> sessions = new ArrayList<>();

    /** A user at a terminal, its client running on its own thread. */
    private record Session(ScriptedTerminal user, CompletableFuture<Integer> exit) {}

    @AfterEach
    void stop() throws Exception {
        for (Session session : sessions) {
            session.user().close();
        }
    }


    /** Runs alice's client against {@code port}; returns its terminal. */
    private ScriptedTerminal startClient(int port, Path clientHome, Duration firstReplyTimeout) {
        ScriptedTerminal user = new ScriptedTerminal();
        AccountClient client = new AccountClient(new AccountTarget("127.0.0.1", port, "alice"),
                new ClientHome(clientHome), false, user.terminal(), firstReplyTimeout);
        sessions.add(new Session(user, CompletableFuture.supplyAsync(client::run)));
        return user;
    }

    @Test
    void onTheLinePortTheClientSaysItIsTheWrongPortAndWritesNothing() throws Exception {
        Path clientHome = home.resolve("alice");

        // The line server answers nothing to a name (or refuses one with spaces): either way, not an account server.
        ScriptedTerminal alice = startClient(server.port("line"), clientHome, Duration.ofSeconds(1));

        alice.expect("127.0.0.1:" + server.port("line"));
        alice.expect("; is this Parley's account port (default 7713)?");
        assertThat(exit(sessions.get(0))).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(clientHome).doesNotExist();
    }

    @Test
    void onTheDirectoryPortTheClientShowsTheReplyAndSaysItIsTheWrongPort() throws Exception {
        Path clientHome = home.resolve("alice");

        ScriptedTerminal alice = startClient(server.port("directory"), clientHome, Login.FIRST_REPLY_TIMEOUT);

        alice.expect("unexpected reply from 127.0.0.1:" + server.port("directory") + " (ERR 400 ");
        alice.expect("; is this Parley's account port (default 7713)?");
        assertThat(exit(sessions.get(0))).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(clientHome).doesNotExist();
    }

    private ScriptedTerminal logIn(String name, String greeting) {
        ScriptedTerminal user = new ScriptedTerminal();
        AccountClient client = new AccountClient(new AccountTarget("127.0.0.1", server.port("account"), name),
                new ClientHome(home.resolve(name)), false, user.terminal());
        sessions.add(new Session(user, CompletableFuture.supplyAsync(client::run)));
        user.expect(greeting);
        user.expect(Login.PASSWORD);
        user.typeLine(PASSWORD);
        user.expect(CommandLoop.PROMPT);
        return user;
    }

    private static int exit(Session session) throws Exception {
        return session.exit().get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void twoUsersChatPrivatelyAndFindTheirHistoryAfterARestart() throws Exception {
        ScriptedTerminal alice = logIn("alice", "Creating new user");
        ScriptedTerminal bob = logIn("bob", "Creating new user");

        alice.typeLine("BM");
        alice.expect(BroadcastOperation.ASK);
        alice.typeLine("hello bob");
        alice.expect(BroadcastOperation.SENT);
        bob.expect("**** Incoming public message from alice ****: hello bob");

        alice.typeLine("PM");
        alice.expect(PrivateMessageOperation.PEERS + "\nbob");
        alice.expect(PrivateMessageOperation.ASK_PEER);
        alice.typeLine("bob");
        alice.expect(PrivateMessageOperation.ASK);
        alice.typeLine("for your eyes only");
        alice.expect(PrivateMessageOperation.SENT);
        bob.expect("**** Incoming private message from alice ****: for your eyes only");
        alice.typeLine("CH");
        alice.expect("PM    alice  bob    for your eyes only");

        bob.typeLine("EX");
        bob.expect(ExitOperation.BYE);
        alice.typeLine("EX");
        alice.expect(ExitOperation.BYE);
        assertThat(exit(sessions.get(0))).isZero();
        assertThat(exit(sessions.get(1))).isZero();

        server.restart();
        ScriptedTerminal bobAgain = logIn("bob", "Existing user");
        bobAgain.typeLine("CH");
        bobAgain.expect("BM    alice  lobby  hello bob");
        bobAgain.expect("PM    alice  bob    for your eyes only");
        bobAgain.expect("2 entries");
        bobAgain.typeLine("EX");
        bobAgain.expect(ExitOperation.BYE);

        // The sender reads her own encrypted message too; the server holds only bob's ciphertext.
        ScriptedTerminal aliceAgain = logIn("alice", "Existing user");
        aliceAgain.typeLine("CH");
        aliceAgain.expect("PM    alice  bob    for your eyes only");
        aliceAgain.expect("2 entries");
        aliceAgain.typeLine("EX");
        aliceAgain.expect(ExitOperation.BYE);
        try (Stream<Path> files = Files.walk(server.data())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file + " holds no plaintext of the PM").doesNotContain("for your eyes only");
            }
        }
    }
}
