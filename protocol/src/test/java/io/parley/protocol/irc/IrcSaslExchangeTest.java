package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcSaslExchange.AwaitMore;
import io.parley.protocol.irc.IrcSaslExchange.Continue;
import io.parley.protocol.irc.IrcSaslExchange.Credentials;
import io.parley.protocol.irc.IrcSaslExchange.Failed;
import io.parley.protocol.irc.IrcSaslExchange.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IrcSaslExchangeTest {

    private final IrcSaslExchange sasl = new IrcSaslExchange();

    private static String plain(String authzid, String authcid, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainInOneChunk() {
        assertThat(sasl.authenticate("PLAIN")).isInstanceOf(Continue.class);
        assertThat(sasl.inProgress()).isTrue();
        assertThat(sasl.authenticate(plain("jilles", "jilles", "sesame"))).isEqualTo(new Credentials("jilles", "sesame"));
        assertThat(sasl.inProgress()).isFalse();
    }

    @Test
    void theMechanismIsCaseInsensitiveAndTheAuthzidMayBeEmpty() {
        sasl.authenticate("plain");
        assertThat(sasl.authenticate(plain("", "Jos\u00E9", "p\u00E4ss word"))).isEqualTo(new Credentials("Jos\u00E9", "p\u00E4ss word"));
    }

    @Test
    void aPayloadOfSeveralChunksEndsWithAShortOneOrAPlus() {
        String password = "x".repeat(600);
        String payload = plain("", "foo", password);
        sasl.authenticate("PLAIN");
        assertThat(payload.length()).isBetween(801, 1199);
        assertThat(sasl.authenticate(payload.substring(0, 400))).isInstanceOf(AwaitMore.class);
        assertThat(sasl.authenticate(payload.substring(400, 800))).isInstanceOf(AwaitMore.class);
        assertThat(sasl.authenticate(payload.substring(800))).isEqualTo(new Credentials("foo", password));

        String exact = plain("", "foo", "y".repeat(595)); // NUL foo NUL and 595 bytes: 600 bytes, 800 base64
        assertThat(exact).hasSize(800);
        sasl.authenticate("PLAIN");
        assertThat(sasl.authenticate(exact.substring(0, 400))).isInstanceOf(AwaitMore.class);
        assertThat(sasl.authenticate(exact.substring(400))).isInstanceOf(AwaitMore.class);
        assertThat(sasl.authenticate("+")).isEqualTo(new Credentials("foo", "y".repeat(595)));
    }

    @Test
    void anotherMechanismIsRefused() {
        assertThat(sasl.authenticate("SCRAM-SHA-256")).isEqualTo(new Failed(Failure.UNKNOWN_MECHANISM));
        assertThat(sasl.inProgress()).isFalse();
        assertThat(IrcSaslExchange.MECHANISMS).isEqualTo(IrcCapabilities.parley().offered().get("sasl"));
    }

    @Test
    void aStarAbortsAtAnyStep() {
        assertThat(sasl.authenticate("*")).isEqualTo(new Failed(Failure.ABORTED));
        sasl.authenticate("PLAIN");
        sasl.authenticate("a".repeat(400));
        assertThat(sasl.authenticate("*")).isEqualTo(new Failed(Failure.ABORTED));
        assertThat(sasl.authenticate("PLAIN")).isInstanceOf(Continue.class); // a fresh exchange
    }

    @Test
    void aChunkOver400BytesIsTooLongAndAHugePayloadTooMuch() {
        sasl.authenticate("PLAIN");
        assertThat(sasl.authenticate("a".repeat(401))).isEqualTo(new Failed(Failure.TOO_LONG));
        sasl.authenticate("PLAIN");
        IrcSaslExchange.Step step = null;
        for (int i = 0; i * 400 <= IrcSaslExchange.MAX_PAYLOAD_BYTES; i++) {
            step = sasl.authenticate("a".repeat(400));
        }
        assertThat(step).isEqualTo(new Failed(Failure.TOO_MUCH));
    }

    @Test
    void anythingButBase64OfThreeUtf8PartsIsMalformed() {
        String[] payloads = {"not base64!", Base64.getEncoder().encodeToString("a\0b".getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().encodeToString("a\0b\0c\0d".getBytes(StandardCharsets.UTF_8)), plain("", "", "pw"),
            plain("", "user", ""), plain("other", "user", "pw"), Base64.getEncoder().encodeToString(new byte[] {0, 'a', 0, (byte) 0xC3})};
        for (String payload : payloads) {
            sasl.authenticate("PLAIN");
            assertThat(sasl.authenticate(payload)).as(payload).isEqualTo(new Failed(Failure.MALFORMED));
        }
        sasl.authenticate("PLAIN");
        assertThat(sasl.authenticate("+")).isEqualTo(new Failed(Failure.MALFORMED)); // an empty payload
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(new Credentials("alice", "hunter22").toString()).doesNotContain("hunter22").contains("alice");
    }
}
