package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The numbered conformance points of {@code shared/specs/account.md}, over real sockets. */
class AccountConformanceTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    private AccountWire login(String name) throws GeneralSecurityException {
        return server.login(name, PASSWORD);
    }

    private WireClient connect(String protocol) {
        return server.connect(protocol);
    }

    private void restart() throws Exception {
        server.restart();
    }

    @Test
    void point1_registerThenLogInAgainWithWrongThenRightPasswordAcrossARestart() throws Exception {
        login("alice").close();
        restart();

        WireClient again = connect("account").send("C USER alice\n");
        String reply = again.readLine();
        assertThat(reply).startsWith("C EXISTING ");
        var serverKey = RsaKeys.fromLine(reply.substring("C EXISTING ".length()));
        again.send("C PASS " + AccountWire.encrypt("wrong password", serverKey) + "\n")
                .expect("C ERR 401 incorrect password\n");
        again.send("C PASS " + AccountWire.encrypt(PASSWORD, serverKey) + "\n").expect("C OK welcome alice\n");

        assertThat(filesContaining(PASSWORD)).as("data files holding the clear password").isEmpty();
    }

    @Test
    void point1_aNewPasswordMustBe8To256Characters() throws Exception {
        WireClient wire = connect("account");
        wire.send("C USER bob\n");
        String reply = wire.readLine();
        var serverKey = RsaKeys.fromLine(reply.substring("C NEW ".length()));

        wire.send("C PASS " + AccountWire.encrypt("short", serverKey) + "\n")
                .expect("C ERR 400 password must be 8-256 characters\n");
        wire.send("C PASS " + AccountWire.encrypt("long enough", serverKey) + "\n").expect("C OK welcome bob\n");
    }

    @Test
    void point3_broadcastReachesEveryOtherLobbyMemberWhateverItsProtocol() throws Exception {
        AccountWire alice = login("alice");
        AccountWire bob = login("bob");
        AccountWire carol = login("carol");
        WireClient line = connect("line").send("lina\nhere\n").expect("lina: here\n");
        for (AccountWire member : List.of(alice, bob, carol)) {
            member.wire.expect("D BM lina here\n");
        }

        assertThat(alice.broadcast("hello all")).isEqualTo(3);

        bob.wire.expect("D BM alice hello all\n");
        carol.wire.expect("D BM alice hello all\n");
        line.expect("alice: hello all\n");
        // alice never gets her own message: the next thing she reads answers her next request.
        alice.wire.send("C PM\n").expect("C USERS bob carol\n");
    }

    @Test
    void point4_privateMessagesAreEncryptedEndToEndAndErrorsKeepTheSessionGoing() throws Exception {
        AccountWire alice = login("alice");
        AccountWire bob = login("bob");

        alice.wire.send("C PM\n").expect("C USERS bob\n");
        alice.wire.send("C TO bob\n").expect("C KEY bob " + RsaKeys.toLine(bob.keys.getPublic()) + "\n");
        String ciphertext = AccountWire.encrypt("for your eyes only", bob.keys.getPublic());
        alice.wire.send("D " + ciphertext + "\n").expect("C OK sent\n");
        bob.wire.expect("D PM alice enc " + ciphertext + "\n");
        assertThat(bob.decrypt(ciphertext)).isEqualTo("for your eyes only");

        alice.wire.send("C PM\n").expect("C USERS bob\n");
        alice.wire.send("C TO alice\n").expect("C ERR 400 cannot send a private message to yourself\n");
        alice.wire.send("C PM\n").expect("C USERS bob\n");
        alice.wire.send("C TO nobody\n").expect("C ERR 404 nobody is not online\n");
        assertThat(alice.broadcast("still at the prompt")).isEqualTo(1);
    }

    @Test
    void point4_aRecipientWithoutAKeyGetsClearText() throws Exception {
        AccountWire alice = login("alice");
        WireClient dave = connect("account");
        dave.send("C USER dave\n");
        var serverKey = RsaKeys.fromLine(dave.readLine().substring("C NEW ".length()));
        dave.send("C PASS " + AccountWire.encrypt(PASSWORD, serverKey) + "\n").expect("C OK welcome dave\n");

        alice.wire.send("C PM\n").expect("C USERS dave\n");
        alice.wire.send("C TO dave\n").expect("C KEY dave -\n");
        alice.wire.send("D plain words\n").expect("C OK sent\n");
        dave.expect("D PM alice text plain words\n");
    }

    @Test
    void point6_historyListsSentAndReceivedMessagesAcrossReloginAndRestart() throws Exception {
        AccountWire alice = login("alice");
        AccountWire bob = login("bob");
        bob.broadcast("hi alice");
        alice.wire.expect("D BM bob hi alice\n");
        alice.sendPrivate("bob", "secret");
        bob.wire.readLine();
        alice.close();
        // Once alice is off the online list her session has ended: what bob says next is not hers.
        assertThat(onlineListOnceItSettles(bob, "C USERS")).isEqualTo("C USERS");
        bob.broadcast("alice is away");
        restart();

        AccountWire back = login("alice");
        back.wire.send("C CH\n");
        List<String> lines = List.of(back.wire.readLine(), back.wire.readLine(), back.wire.readLine());
        assertThat(lines.get(0)).matches("D CH \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z BM bob lobby hi alice");
        assertThat(lines.get(1)).matches("D CH \\S+ PM alice bob enc \\S+");
        assertThat(lines.get(2)).startsWith("C OK 2 entries");
    }

    @Test
    void point7_exitAndAbruptCloseBothLeaveTheOnlineList() throws Exception {
        AccountWire alice = login("alice");
        AccountWire bob = login("bob");
        AccountWire carol = login("carol");
        alice.wire.send("C PM\n").expect("C USERS bob carol\n");
        alice.wire.send("C TO alice\n").expect("C ERR 400 cannot send a private message to yourself\n");

        bob.wire.send("C EX\n").expect("C OK bye\n").expectEof();
        carol.close();

        assertThat(onlineListOnceItSettles(alice, "C USERS")).isEqualTo("C USERS");
    }

    /**
     * Asks for the online list until it is {@code expected} (a logout is noticed when the server
     * sees the close, which a client cannot wait on), at most 100 times; returns the last list.
     */
    private static String onlineListOnceItSettles(AccountWire client, String expected) {
        String users = "";
        for (int asked = 0; asked < 100 && !users.equals(expected); asked++) {
            client.wire.send("C PM\n");
            users = client.wire.readLine();
            client.wire.send("C TO " + client.name + "\n").expect("C ERR 400 cannot send a private message to yourself\n");
        }
        return users;
    }

    @Test
    void point8_aSecondLoginReplacesTheFirstAndFiveWrongPasswordsClose() throws Exception {
        AccountWire first = login("alice");
        login("alice");
        first.wire.expect("C BYE replaced by a new login\n").expectEof();

        WireClient guesser = connect("account");
        guesser.send("C USER alice\n");
        var serverKey = RsaKeys.fromLine(guesser.readLine().substring("C EXISTING ".length()));
        for (int i = 0; i < 4; i++) {
            guesser.send("C PASS " + AccountWire.encrypt("guess " + i + "!!", serverKey) + "\n")
                    .expect("C ERR 401 incorrect password\n");
        }
        guesser.send("C PASS " + AccountWire.encrypt("last guess", serverKey) + "\n")
                .expect("C ERR 429 too many attempts\n").expectEof();
    }

    @Test
    void registeredNamesAreRefusedOnOtherProtocols() throws Exception {
        login("alice");

        connect("line").send("Alice\n")
                .expect("* name \"Alice\" belongs to a registered account; connect with another name\n").expectEof();
        connect("tcd").send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: alice\n")
                .expect("ERROR_CODE: 4\nERROR_DESCRIPTION: name alice belongs to a registered account\n");
        // Look-alikes: a Cyrillic а, and a capital I for the l.
        connect("line").send("\u0430lice\n")
                .expect("* name \"\u0430lice\" belongs to a registered account; connect with another name\n").expectEof();
        connect("tcd").send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: AIice\n")
                .expect("ERROR_CODE: 4\nERROR_DESCRIPTION: name AIice belongs to a registered account\n");
        connect("account").send("C USER AIice\n")
                .expect("C ERR 409 AIice looks like a registered name; choose another\n");
    }

    @Test
    void framesThatDoNotFitGetErr400AndTheSessionStays() throws Exception {
        WireClient wire = connect("account");
        wire.send("hello\n").expect("C ERR 400 expected C USER <name>\n");
        wire.send("C USER bad name!\n").expect("C ERR 400 user names are 1-32 letters, digits, '-', '_' or '.'\n");
        wire.send("C USER fine\n");
        assertThat(wire.readLine()).startsWith("C NEW ");
    }

    private List<Path> filesContaining(String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(server.data())) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            String haystack = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return haystack.contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
