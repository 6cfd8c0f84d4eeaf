package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real terminal client against the real server (account.md): two users log in, broadcast,
 * exchange an encrypted private message, read their history, exit, and find it all again after
 * the server restarts. Each step waits for what a client prints; nothing waits on time.
 */
class AccountClientAgainstServerTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path data;
    @TempDir
    Path home;

    private ParleyServer server;
    private final List<Session> sessions = new ArrayList<>();

    /** A user at a terminal, its client running on its own thread. */
    private record Session(ScriptedTerminal user, CompletableFuture<Integer> exit) {}

    @AfterEach
    void stop() throws Exception {
        for (Session session : sessions) {
            session.user().close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void startServer() throws Exception {
        Properties settings = new Properties();
        settings.setProperty(ServerConfig.DATA, data.toString());
        settings.setProperty(ServerConfig.BIND, "127.0.0.1");
        settings.setProperty(ServerConfig.TCD_PORT, "off");
        settings.setProperty(ServerConfig.LINE_PORT, "off");
        settings.setProperty(ServerConfig.ACCOUNT_PORT, "0");
        settings.setProperty(ServerConfig.DIRECTORY_PORT, "off");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        server = ParleyServer.start(ServerConfig.from(settings), quiet);
    }

    private ScriptedTerminal logIn(String name, String greeting) {
        ScriptedTerminal user = new ScriptedTerminal();
        AccountClient client = new AccountClient(new AccountTarget("127.0.0.1", server.port("account"), name),
                new ClientHome(home.resolve(name)), false, user.terminal());
        sessions.add(new Session(user, CompletableFuture.supplyAsync(client::run)));
        user.await(greeting);
        user.await(Login.PASSWORD);
        user.type(PASSWORD);
        user.await(CommandLoop.PROMPT);
        return user;
    }

    private static int exit(Session session) throws Exception {
        return session.exit().get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void twoUsersChatPrivatelyAndFindTheirHistoryAfterARestart() throws Exception {
        startServer();
        ScriptedTerminal alice = logIn("alice", "Creating new user");
        ScriptedTerminal bob = logIn("bob", "Creating new user");

        alice.type("BM");
        alice.await(BroadcastOperation.ASK);
        alice.type("hello bob");
        alice.await(BroadcastOperation.SENT);
        bob.await("**** Incoming public message from alice ****: hello bob");

        alice.type("PM");
        alice.await(PrivateMessageOperation.PEERS + "\nbob");
        alice.await(PrivateMessageOperation.ASK_PEER);
        alice.type("bob");
        alice.await(PrivateMessageOperation.ASK);
        alice.type("for your eyes only");
        alice.await(PrivateMessageOperation.SENT);
        bob.await("**** Incoming private message from alice ****: for your eyes only");

        bob.type("EX");
        bob.await(ExitOperation.BYE);
        alice.type("EX");
        alice.await(ExitOperation.BYE);
        assertThat(exit(sessions.get(0))).isZero();
        assertThat(exit(sessions.get(1))).isZero();

        server.stop();
        startServer();
        ScriptedTerminal bobAgain = logIn("bob", "Existing user");
        bobAgain.type("CH");
        bobAgain.await("BM    alice  lobby  hello bob");
        bobAgain.await("PM    alice  bob    for your eyes only");
        bobAgain.await("2 entries");
        bobAgain.type("EX");
        bobAgain.await(ExitOperation.BYE);
    }
}
