package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password guessing is limited across reconnects, and cannot starve other addresses' logins. */
class LoginThrottlingTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    /** Sends USER and returns the server's key. */
    private PublicKey user(WireClient client, String name) throws Exception {
        client.send("C USER " + name + "\n");
        String reply = client.readLine();
        assertThat(reply).matches("C (EXISTING|NEW) \\S+");
        return RsaKeys.fromLine(reply.substring(reply.lastIndexOf(' ') + 1));
    }

    private static String pass(String password, PublicKey key) throws Exception {
        return "C PASS " + AccountWire.encrypt(password, key) + "\n";
    }

    @Test
    void manyWrongPasswordsFromOneAddressDoNotFailALoginFromAnother() throws Exception {
        // No connection caps, so that one address can hold as many checks in flight as it likes.
        server.start(Map.of(ServerConfig.MAX_PER_ADDRESS, "0",
                ServerConfig.MAX_NEW_PER_ADDRESS, "0"));
        server.login("victim", PASSWORD).close();
        server.login("alice", PASSWORD).close();
        List<WireClient> guessers = new ArrayList<>();
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            WireClient guesser = server.connectFrom("127.0.0.2", "account");
            keys.add(user(guesser, "victim"));
            guessers.add(guesser);
        }
        for (int i = 0; i < guessers.size(); i++) {
            guessers.get(i).send(pass("guess number " + i, keys.get(i)));
        }

        WireClient alice = server.connectFrom("127.0.0.3", "account");
        alice.send(pass(PASSWORD, user(alice, "alice"))).expect("C OK welcome alice\n");
    }

    @Test
    void theAttemptPastAnAccountsBudgetIsRefusedEvenAfterReconnectingFromElsewhere() throws Exception {
        server.start(Map.of(ServerConfig.LOGIN_FAILURES_PER_ACCOUNT, "3"));
        server.login("victim", PASSWORD).close();
        WireClient guesser = server.connectFrom("127.0.0.4", "account");
        PublicKey key = user(guesser, "victim");
        for (int i = 0; i < 3; i++) {
            guesser.send(pass("guess number " + i, key)).expect("C ERR 401 incorrect password\n");
        }
        guesser.close();

        WireClient again = server.connectFrom("127.0.0.5", "account");
        String refusal = again.send(pass(PASSWORD, user(again, "victim"))).readLine();

        assertThat(refusal).matches("C ERR 429 too many failed logins for victim; try again in \\d+ seconds");
        again.expectEof();
    }

    @Test
    void anAddressPastItsBudgetIsRefusedWhateverAccountItTries() throws Exception {
        server.start(Map.of(ServerConfig.LOGIN_FAILURES_PER_ADDRESS, "3"));
        for (String name : List.of("ann", "ben", "cid", "dan")) {
            server.login(name, PASSWORD).close();
        }
        for (String name : List.of("ann", "ben", "cid")) {
            WireClient guesser = server.connectFrom("127.0.0.6", "account");
            guesser.send(pass("wrong password", user(guesser, name))).expect("C ERR 401 incorrect password\n");
            guesser.close();
        }

        WireClient guesser = server.connectFrom("127.0.0.6", "account");
        String refusal = guesser.send(pass(PASSWORD, user(guesser, "dan"))).readLine();

        assertThat(refusal).matches("C ERR 429 too many failed logins from your address; try again in \\d+ seconds");
        WireClient elsewhere = server.connectFrom("127.0.0.7", "account");
        elsewhere.send(pass(PASSWORD, user(elsewhere, "dan"))).expect("C OK welcome dan\n");
    }

    @Test
    void aPasswordThatIsNotUtf8IsRefusedAndOneTypedDecomposedIsTheSamePassword() throws Exception {
        server.start();
        WireClient client = server.connect("account");
        PublicKey key = user(client, "zoe");

        client.send("C PASS " + Pg3Cipher.encrypt(new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0xff}, key)
                + "\n").expect("C ERR 400 the password is not valid UTF-8\n");
        client.send(pass("caf\u00E9\u00A0cr\u00E8me", key)).expect("C OK welcome zoe\n");
        client.close();

        WireClient again = server.connect("account");
        again.send(pass("cafe\u0301 cre\u0300me", user(again, "zoe"))).expect("C OK welcome zoe\n");
    }
}
