package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTableTest {

    private static KeyPair aliceKeys;
    private static KeyPair bobKeys;

    @BeforeAll
    static void keys() throws Exception {
        aliceKeys = RsaKeys.generate();
        bobKeys = RsaKeys.generate();
    }

    @TempDir
    Path home;

    /** Alice's table, with her copies of what she sent (none unless a test keeps some). */
    private HistoryTable table() {
        return new HistoryTable(new MessageDecryptor(aliceKeys.getPrivate()), "alice", sent());
    }

    private SentMessages sent() {
        return new SentMessages(home.resolve("sent-alice"), aliceKeys.getPublic());
    }

    @Test
    void aMessageThisUserSentIsShownFromItsOwnCopyOnlyToItsSender() throws Exception {
        String toBob = encrypt("to bob, readable by me", bobKeys.getPublic());
        sent().keep(toBob, "to bob, readable by me");

        assertThat(table().render(List.of(entry("2026-11-21T10:17:00.000Z PM alice bob enc " + toBob))))
                .contains("PM    alice  bob  to bob, readable by me");
        // Bob's table never reads Alice's copies: his row comes from his own key.
        HistoryTable bobs = new HistoryTable(new MessageDecryptor(bobKeys.getPrivate()), "bob", sent());
        assertThat(bobs.render(List.of(entry("2026-11-21T10:17:00.000Z PM carol dave enc " + toBob))))
                .contains(MessageDecryptor.ENCRYPTED);
    }

    @Test
    void columnsFitTheWidestCellAndTheMessageIsLast() throws Exception {
        HistoryTable table = table();
        List<HistoryEntry> entries = List.of(
                entry("2026-11-21T10:15:30.123Z BM a-much-longer-name lobby hi"),
                entry("2026-11-21T10:16:00.000Z PM bob Alice enc "
                        + encrypt("to alice, whatever her case", aliceKeys.getPublic())),
                entry("2026-11-21T10:17:00.000Z PM alice bob enc "
                        + encrypt("to bob", bobKeys.getPublic())));

        assertThat(table.render(entries)).isEqualTo(String.join("\n",
                "Time (UTC)           Type  From                To     Message",
                "-------------------  ----  ------------------  -----  -------",
                "2026-11-21 10:15:30  BM    a-much-longer-name  lobby  hi",
                "2026-11-21 10:16:00  PM    bob                 Alice  to alice, whatever her case",
                "2026-11-21 10:17:00  PM    alice               bob    [encrypted]",
                "3 entries"));
    }

    @Test
    void aMessageForThisUserThatItsKeyCannotOpenSaysSo() throws Exception {
        HistoryTable table = table();

        String rendered = table.render(List.of(entry("2026-11-21T10:16:00.000Z PM bob alice enc "
                + encrypt("for an older key", bobKeys.getPublic()))));

        assertThat(rendered).contains(MessageDecryptor.UNDECRYPTABLE).endsWith("1 entry");
    }

    @Test
    void controlCharactersAndOddTimesAreShownHarmlessly() {
        HistoryTable table = table();

        String rendered = table.render(List.of(entry("yesterday BM carol lobby \u001b[2Jcleared?")));

        assertThat(rendered).contains("yesterday   BM    carol  lobby  \uFFFD[2Jcleared?").doesNotContain("\u001b");
    }

    @Test
    void anEmptyHistorySaysSo() {
        assertThat(table().render(List.of()))
                .isEqualTo("No chat history yet.");
    }

    @Test
    void linesWithoutTheSpecsFieldsAreNotEntries() {
        assertThat(HistoryEntry.parse("2026-11-21T10:15:30.123Z BM alice")).isEmpty();
        assertThat(HistoryEntry.parse("2026-11-21T10:15:30.123Z PM alice bob text "))
                .contains(new HistoryEntry("2026-11-21T10:15:30.123Z", "PM", "alice", "bob", "text", ""));
    }

    private static HistoryEntry entry(String fields) {
        return HistoryEntry.parse(fields).orElseThrow();
    }

    private static String encrypt(String text, PublicKey key) throws GeneralSecurityException {
        return Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), key);
    }
}
