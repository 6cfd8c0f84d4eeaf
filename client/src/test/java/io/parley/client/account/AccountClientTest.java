package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ScriptedTerminal;
import io.parley.crypto.RsaKeys;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client end to end: a user typing on a terminal, the client on its own thread, and a
 * scripted server on a real socket playing the spec's server side ({@code shared/specs/account.md}).
 * Each step waits for what the client prints or sends; nothing waits on time.
 */
class AccountClientTest {

    private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();
    private static final String PASSWORD = "correct horse battery";

    private static KeyPair serverKeys;
    private static KeyPair bobKeys;

    @TempDir
    Path home;

    private FakeAccountServer server;
    private ScriptedTerminal user;
    private CompletableFuture<Integer> exit;
    /** The key the client registered with PUBKEY. */
    private PublicKey aliceKey;

    @BeforeAll
    static void keys() throws Exception {
        serverKeys = RsaKeys.generate();
        bobKeys = RsaKeys.generate();
    }

    @BeforeEach
    void setUp() {
        server = new FakeAccountServer(serverKeys);
        user = new ScriptedTerminal();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close(); // a client still running sees the end of the stream and stops
        if (exit != null) {
            exit.get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        user.close();
    }

    @Test
    void newUserLogsInWithAnEncryptedPasswordAndRegistersItsKey() throws Exception {
        logInAsNewUser();

        assertThat(aliceKey).isEqualTo(RsaKeys.loadOrCreate(home.resolve("keys/alice.pem")).getPublic());
        assertThat(Files.readString(home.resolve("known_servers"))).contains(server() + " " + server.keyLine());
        assertThat(user.screenText()).contains("First connection to " + server()).doesNotContain(PASSWORD);
    }

    @Test
    void onADumbTerminalTheUserLogsInAndThePasswordPromptIsShownOnce() throws Exception {
        user.close();
        user = new ScriptedTerminal(Terminal.TYPE_DUMB);
        logInAsNewUser();

        user.typeLine("BM");
        server.expect("C BM").send("C OK send the message");
        user.expect(BroadcastOperation.ASK);
        user.typeLine("hello from a dumb terminal");
        server.expect("D hello from a dumb terminal").send("C OK sent to 2 users");
        user.expect(BroadcastOperation.SENT);
        user.expect(CommandLoop.PROMPT);

        assertThat(user.screenText()).containsOnlyOnce(Login.PASSWORD);
    }

    @Test
    void existingUserIsAskedAgainAfterAWrongPassword() throws Exception {
        new KnownServers(home.resolve("known_servers")).pin(server(), server.keyLine());
        start(false);
        server.accept().expect("C USER alice").send("C EXISTING " + server.keyLine());
        user.expect("Existing user");
        user.expect(Login.PASSWORD);
        user.typeLine("not my password");
        assertThat(server.expectPassword()).isEqualTo("not my password");
        server.send("C ERR 401 incorrect password");
        user.expect(Login.INCORRECT);
        user.typeLine(PASSWORD);
        assertThat(server.expectPassword()).isEqualTo(PASSWORD);
        server.send("C OK welcome alice");
        server.expectPublicKey();
        server.send("C OK key registered");

        user.expect(CommandLoop.PROMPT);
        assertThat(user.screenText()).doesNotContain("WARNING").doesNotContain("First connection");
    }

    @Test
    void aPasswordOfTheWrongLengthIsExplainedAndAskedAgain() throws Exception {
        start(false);
        server.accept().expect("C USER alice").send("C NEW " + server.keyLine());
        user.expect(Login.PASSWORD);
        user.typeLine("short");
        assertThat(server.expectPassword()).isEqualTo("short");
        server.send("C ERR 400 password must be 8-256 characters");

        user.expect("Password must be 8-256 characters. Please enter again: ");
        user.typeLine(PASSWORD);
        assertThat(server.expectPassword()).isEqualTo(PASSWORD);
    }

    @Test
    void tooManyAttemptsEndTheClientWithAFailure() throws Exception {
        start(false);
        server.accept().expect("C USER alice").send("C EXISTING " + server.keyLine());
        user.expect(Login.PASSWORD);
        user.typeLine("wrong again");
        server.expectPassword();
        server.send("C ERR 429 too many attempts").hangUp();

        user.expect("Login failed: too many attempts");
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
    }

    @Test
    void broadcastsAMessage() throws Exception {
        logInAsNewUser();

        user.typeLine("BM");
        server.expect("C BM").send("C OK send the message");
        user.expect(BroadcastOperation.ASK);
        user.typeLine("hello, everyone ✓");
        server.expect("D hello, everyone ✓").send("C OK sent to 2 users");

        user.expect(BroadcastOperation.SENT + " 2 users received it.");
        user.expect(CommandLoop.PROMPT);

        user.typeLine("BM");
        server.expect("C BM").send("C OK send the message");
        user.typeLine("anyone?");
        server.expect("D anyone?").send("C OK sent to 0 users");
        user.expect(BroadcastOperation.SENT + " Nobody else was there to receive it.");
    }

    @Test
    void privateMessageIsEncryptedWithThePeersKey() throws Exception {
        logInAsNewUser();

        user.typeLine("PM");
        server.expect("C PM").send("C USERS bob carol");
        user.expect(PrivateMessageOperation.PEERS + "\nbob\ncarol");
        user.expect(PrivateMessageOperation.ASK_PEER);
        user.typeLine("bob");
        server.expect("C TO bob").send("C KEY bob " + RsaKeys.toLine(bobKeys.getPublic()));
        user.expect(PrivateMessageOperation.ASK);
        user.typeLine("for bob only");
        String payload = server.expectPrefixed("D");
        assertThat(payload).doesNotContain("for bob only");
        assertThat(FakeAccountServer.decrypt(payload, bobKeys)).isEqualTo("for bob only");
        server.send("C OK sent");

        user.expect(PrivateMessageOperation.SENT);
        user.expect(CommandLoop.PROMPT);
    }

    @Test
    void privateMessageGoesInClearWhenThePeerHasNoKey() throws Exception {
        logInAsNewUser();

        user.typeLine("PM");
        server.expect("C PM").send("C USERS bob");

        sendInClear("bob", "hi bob");
    }

    @Test
    void deliveriesBetweenARequestAndItsReplyArePrintedAndTheFlowGoesOn() throws Exception {
        logInAsNewUser();

        user.typeLine("PM");
        server.expect("C PM");
        server.send("D BM carol hi there");
        server.send("D PM bob enc " + FakeAccountServer.encrypt("psst, alice", aliceKey));
        server.send("D PM dave text in the clear");
        server.send("C USERS bob carol");

        user.expect("**** Incoming public message from carol ****: hi there");
        user.expect("**** Incoming private message from bob ****: psst, alice");
        user.expect("**** Incoming private message from dave ****: in the clear");
        user.expect(PrivateMessageOperation.PEERS + "\nbob\ncarol");
        sendInClear("carol", "still works");
    }

    @Test
    void withNobodyElseOnlineAPrivateMessageIsNotAskedForAndThePromptComesBack() throws Exception {
        logInAsNewUser();

        user.typeLine("PM");
        server.expect("C PM").send("C USERS");
        // The spec's way back to the prompt: every PM error returns there, naming oneself among them.
        server.expect("C TO alice").send("C ERR 400 cannot send a private message to yourself");

        user.expect(PrivateMessageOperation.NOBODY);
        user.expect(CommandLoop.PROMPT);
        user.typeLine("BM");
        server.expect("C BM");
        assertThat(user.screenText()).doesNotContain(PrivateMessageOperation.ASK_PEER)
                .doesNotContain("cannot send a private message to yourself");
    }

    @Test
    void aPrivateMessageErrorReturnsToThePrompt() throws Exception {
        logInAsNewUser();

        user.typeLine("PM");
        server.expect("C PM").send("C USERS bob");
        user.expect(PrivateMessageOperation.PEERS + "\nbob");
        user.typeLine("ghost");
        server.expect("C TO ghost").send("C ERR 404 ghost is not online");
        user.expect("Not sent: ghost is not online");
        user.expect(CommandLoop.PROMPT);

        user.typeLine("BM");
        server.expect("C BM");
    }

    @Test
    void historyIsATableWithThePrivateMessagesForThisUserDecrypted() throws Exception {
        logInAsNewUser();

        user.typeLine("CH");
        server.expect("C CH");
        server.send("D CH 2026-11-21T10:15:30.123Z BM alice lobby hello all");
        server.send("D CH 2026-11-21T10:16:00.000Z BM carol lobby hi alice");
        server.send("D CH 2026-11-21T10:17:00.000Z PM bob alice enc "
                + FakeAccountServer.encrypt("secret for alice", aliceKey));
        server.send("D CH 2026-11-21T10:18:00.000Z PM alice bob enc "
                + FakeAccountServer.encrypt("secret for bob", bobKeys.getPublic()));
        server.send("D CH 2026-11-21T10:19:00.000Z PM alice carol text plain for carol");
        server.send("C OK 5 entries");

        user.expect(String.join("\n",
                "Time (UTC)           Type  From   To     Message",
                "-------------------  ----  -----  -----  -------",
                "2026-11-21 10:15:30  BM    alice  lobby  hello all",
                "2026-11-21 10:16:00  BM    carol  lobby  hi alice",
                "2026-11-21 10:17:00  PM    bob    alice  secret for alice",
                "2026-11-21 10:18:00  PM    alice  bob    [encrypted]",
                "2026-11-21 10:19:00  PM    alice  carol  plain for carol",
                "5 entries"));
        user.expect(CommandLoop.PROMPT);
    }

    @Test
    void exitSaysByeAndEndsWithSuccess() throws Exception {
        logInAsNewUser();

        user.typeLine("EX");
        server.expect("C EX").send("C OK bye").hangUp();

        user.expect(ExitOperation.BYE);
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_OK);
    }

    @Test
    void theEndOfInputAtThePromptIsExit() throws Exception {
        logInAsNewUser();

        user.endInput();
        server.expect("C EX").send("C OK bye").hangUp();

        user.expect(ExitOperation.BYE);
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_OK);
    }

    @Test
    void aNewLoginElsewhereEndsTheClient() throws Exception {
        logInAsNewUser();

        server.send("C BYE replaced by a new login").hangUp();

        user.expect("The server ended the session: replaced by a new login");
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
    }

    @Test
    void aChangedServerKeyIsWarnedAboutAndNoPasswordIsSentUnlessConfirmed() throws Exception {
        String remembered = RsaKeys.toLine(bobKeys.getPublic());
        new KnownServers(home.resolve("known_servers")).pin(server(), remembered);
        start(false);
        server.accept().expect("C USER alice").send("C EXISTING " + server.keyLine());

        user.expect("WARNING: THE KEY OF THIS SERVER HAS CHANGED!");
        user.expect("Your password has not been sent.");
        user.expect(ServerKeyCheck.CONFIRM);
        user.typeLine("no");

        user.expect("Not logged in: the new key of " + server() + " was not trusted.");
        server.expectEndOfStream();
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(new KnownServers(home.resolve("known_servers")).pinned(server())).contains(remembered);
    }

    @Test
    void aChangedServerKeyConfirmedWithYesIsRememberedAndTheLoginGoesOn() throws Exception {
        new KnownServers(home.resolve("known_servers")).pin(server(), RsaKeys.toLine(bobKeys.getPublic()));
        start(false);
        server.accept().expect("C USER alice").send("C EXISTING " + server.keyLine());
        user.expect(ServerKeyCheck.CONFIRM);
        user.typeLine("yes");

        user.expect(Login.PASSWORD);
        user.typeLine(PASSWORD);
        assertThat(server.expectPassword()).isEqualTo(PASSWORD);
        server.send("C OK welcome alice");
        server.expectPublicKey();
        assertThat(new KnownServers(home.resolve("known_servers")).pinned(server())).contains(server.keyLine());
    }

    @Test
    void aServerThatDoesNotAnswerIsNotTakenForAnAccountServerAndNothingIsWritten() throws Exception {
        Path fresh = home.resolve("fresh");
        start(new ClientHome(fresh), Duration.ofMillis(300));
        server.accept().expect("C USER alice"); // and nothing back, as on a line or TCD port

        user.expect("no reply from " + server() + "; is this Parley's account port (default 7713)?");
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aReplyInAnotherProtocolIsNotTakenForAnAccountServer() throws Exception {
        Path fresh = home.resolve("fresh");
        start(new ClientHome(fresh), Login.FIRST_REPLY_TIMEOUT);
        server.accept().expect("C USER alice").send("ERR 400 unknown command C");

        user.expect("unexpected reply from " + server()
                + " (ERR 400 unknown command C); is this Parley's account port (default 7713)?");
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aLoginThatFailsWritesNothingUnderTheHome() throws Exception {
        Path fresh = home.resolve("fresh");
        start(new ClientHome(fresh), Login.FIRST_REPLY_TIMEOUT);
        server.accept().expect("C USER alice").send("C EXISTING " + server.keyLine());
        user.expect(Login.PASSWORD);
        user.typeLine("wrong again");
        server.expectPassword();
        server.send("C ERR 429 too many attempts").hangUp();

        user.expect("Login failed: too many attempts");
        assertThat(exitCode()).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(fresh).doesNotExist();
    }

    @Test
    void theHomeAndItsFilesAreTheOwnersOnlyAndAnOlderHomeIsTightened() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("known_servers"), "# left by an older client\n");
        Files.setPosixFilePermissions(home.resolve("known_servers"), PosixFilePermissions.fromString("rw-r--r--"));

        logInAsNewUser();

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(home.resolve("keys/alice.pem"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("known_servers"))).isEqualTo("rw-------");
    }

    @Test
    void ctrlCDropsTheLineBeingTypedAndAsksAgainInsteadOfQuitting() throws Exception {
        logInAsNewUser();

        user.type("EX, or not\u0003");
        user.expect(CommandLoop.PROMPT);
        user.typeLine("BM");
        server.expect("C BM").send("C OK send the message");
        user.expect(BroadcastOperation.ASK);
        user.type("not this\u0003");
        user.expect(BroadcastOperation.ASK);
        user.typeLine("but this");

        server.expect("D but this").send("C OK sent to 1 user");
        user.expect(BroadcastOperation.SENT + " 1 user received it.");
        user.expect(CommandLoop.PROMPT);
    }

    @Test
    void ownEncryptedPrivateMessagesAreReadableInTheHistoryAndKeptEncrypted() throws Exception {
        logInAsNewUser();
        user.typeLine("PM");
        server.expect("C PM").send("C USERS bob");
        user.expect(PrivateMessageOperation.ASK_PEER);
        user.typeLine("bob");
        server.expect("C TO bob").send("C KEY bob " + RsaKeys.toLine(bobKeys.getPublic()));
        user.expect(PrivateMessageOperation.ASK);
        user.typeLine("for bob, and for me later");
        String payload = server.expectPrefixed("D");
        server.send("C OK sent");
        user.expect(PrivateMessageOperation.SENT);

        user.typeLine("CH");
        server.expect("C CH");
        server.send("D CH 2026-11-21T10:18:00.000Z PM alice bob enc " + payload);
        server.send("D CH 2026-11-21T10:19:00.000Z PM alice bob enc "
                + FakeAccountServer.encrypt("sent by another client", bobKeys.getPublic()));
        server.send("C OK 2 entries");

        user.expect("2026-11-21 10:18:00  PM    alice  bob  for bob, and for me later\n"
                + "2026-11-21 10:19:00  PM    alice  bob  [encrypted]");
        Path copies = home.resolve("sent/alice");
        assertThat(Files.readString(copies)).doesNotContain("for bob");
        assertThat(mode(copies)).isEqualTo("rw-------");
    }

    /** The rest of a PM from the peer prompt on, to a peer without a key: the text goes in clear. */
    private void sendInClear(String peer, String text) {
        user.expect(PrivateMessageOperation.ASK_PEER);
        user.typeLine(peer);
        server.expect("C TO " + peer).send("C KEY " + peer + " -");
        user.expect(peer + " has no key: this message is sent unencrypted.");
        user.expect(PrivateMessageOperation.ASK);
        user.typeLine(text);
        server.expect("D " + text).send("C OK sent");
        user.expect(PrivateMessageOperation.SENT);
        user.expect(CommandLoop.PROMPT);
    }

    /** Starts the client as alice and logs in as a new user, up to the command prompt. */
    private void logInAsNewUser() throws Exception {
        start(false);
        server.accept().expect("C USER alice").send("C NEW " + server.keyLine());
        user.expect("Creating new user");
        user.expect(Login.PASSWORD);
        user.typeLine(PASSWORD);
        assertThat(server.expectPassword()).isEqualTo(PASSWORD);
        server.send("C OK welcome alice");
        aliceKey = server.expectPublicKey();
        server.send("C OK key registered");
        user.expect(CommandLoop.PROMPT);
    }

    private void start(boolean trustChangedServerKey) {
        start(new AccountClient(new AccountTarget(HOST, server.port(), "alice"), new ClientHome(home),
                trustChangedServerKey, user.terminal()));
    }

    private void start(ClientHome clientHome, Duration firstReplyTimeout) {
        start(new AccountClient(new AccountTarget(HOST, server.port(), "alice"), clientHome, false, user.terminal(),
                firstReplyTimeout));
    }

    private void start(AccountClient client) {
        exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(client.run());
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "account-client-under-test");
        thread.start();
    }

    private int exitCode() throws Exception {
        return exit.get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private String server() {
        return HOST + ":" + server.port();
    }
}
