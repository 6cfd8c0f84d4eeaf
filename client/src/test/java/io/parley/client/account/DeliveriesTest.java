package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private static KeyPair aliceKeys;
    private static Deliveries deliveries;

    @BeforeAll
    static void keys() throws Exception {
        aliceKeys = RsaKeys.generate();
        deliveries = new Deliveries(new MessageDecryptor(aliceKeys.getPrivate()));
    }

    @Test
    void publicMessagesKeepTheirSpaces() {
        assertThat(deliveries.render("D BM carol  two  spaces "))
                .isEqualTo("**** Incoming public message from carol ****:  two  spaces ");
    }

    @Test
    void privateMessagesAreDecryptedOrShownAsSent() throws Exception {
        String payload = encrypt("ünïcödé ✓", aliceKeys.getPublic());

        assertThat(deliveries.render("D PM bob enc " + payload))
                .isEqualTo("**** Incoming private message from bob ****: ünïcödé ✓");
        assertThat(deliveries.render("D PM bob text in clear"))
                .isEqualTo("**** Incoming private message from bob ****: in clear");
    }

    @Test
    void whatCannotBeDecryptedOrParsedIsSaidPlainly() throws Exception {
        String forSomeoneElse = encrypt("not yours", RsaKeys.generate().getPublic());

        assertThat(deliveries.render("D PM bob enc " + forSomeoneElse)).endsWith(MessageDecryptor.UNDECRYPTABLE);
        assertThat(deliveries.render("D PM bob")).startsWith("Unreadable message from the server");
    }

    @Test
    void escapeSequencesFromOtherUsersCannotReachTheTerminal() {
        assertThat(deliveries.render("D BM mallory \u001b]0;owned\u0007"))
                .isEqualTo("**** Incoming public message from mallory ****: \uFFFD]0;owned\uFFFD");
    }

    @Test
    void aPrivateMessageCannotReadBackwardsNorBreakALine() throws Exception {
        String payload = encrypt("invoice\u202Efdp.exe\u2028**** Incoming", aliceKeys.getPublic());

        assertThat(deliveries.render("D PM mallory enc " + payload))
                .isEqualTo("**** Incoming private message from mallory ****: invoice\uFFFDfdp.exe\uFFFD**** Incoming");
    }

    @Test
    void repliesTellTheirErrorCodeAndText() {
        assertThat(new Reply("C ERR 404 bob is not online").errorCode()).isEqualTo(404);
        assertThat(new Reply("C ERR 404 bob is not online").describe()).isEqualTo("bob is not online");
        assertThat(new Reply("C OK sent").errorCode()).isEqualTo(-1);
        assertThat(new Reply("C OKAY").isOk()).isFalse();
        assertThat(new Reply("C WHAT").describe()).isEqualTo("unexpected reply from the server: C WHAT");
    }

    private static String encrypt(String text, PublicKey key) throws GeneralSecurityException {
        return Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), key);
    }
}
