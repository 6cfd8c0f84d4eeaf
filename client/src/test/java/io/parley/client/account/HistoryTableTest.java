package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.account.Pg3Cipher;
import io.parley.protocol.account.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryTableTest {

    private static KeyPair aliceKeys;
    private static KeyPair bobKeys;

    @BeforeAll
    static void keys() throws Exception {
        aliceKeys = RsaKeys.generate();
        bobKeys = RsaKeys.generate();
    }

    @Test
    void columnsFitTheWidestCellAndTheMessageIsLast() throws Exception {
        HistoryTable table = new HistoryTable(new MessageDecryptor(aliceKeys.getPrivate()), "alice");
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
        HistoryTable table = new HistoryTable(new MessageDecryptor(aliceKeys.getPrivate()), "alice");

        String rendered = table.render(List.of(entry("2026-11-21T10:16:00.000Z PM bob alice enc "
                + encrypt("for an older key", bobKeys.getPublic()))));

        assertThat(rendered).contains(MessageDecryptor.UNDECRYPTABLE).endsWith("1 entry");
    }

    @Test
    void controlCharactersAndOddTimesAreShownHarmlessly() {
        HistoryTable table = new HistoryTable(new MessageDecryptor(aliceKeys.getPrivate()), "alice");

        String rendered = table.render(List.of(entry("yesterday BM carol lobby \u001b[2Jcleared?")));

        assertThat(rendered).contains("yesterday   BM    carol  lobby  \uFFFD[2Jcleared?").doesNotContain("\u001b");
    }

    @Test
    void anEmptyHistorySaysSo() {
        assertThat(new HistoryTable(new MessageDecryptor(aliceKeys.getPrivate()), "alice").render(List.of()))
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
