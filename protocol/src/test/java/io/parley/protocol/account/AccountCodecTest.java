package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static io.parley.protocol.account.AccountTestServer.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account protocol's input, however the bytes arrive, as its users see it: the replies to a
 * client's frames on the real pipeline, and what another user in the lobby reads of a broadcast.
 */
class AccountCodecTest {

    private static final String EXPECTED_USER = "C ERR 400 expected C USER <name>\n";

    private final AccountTestServer server = new AccountTestServer();
    private final EmbeddedChannel client = server.connect();

    @AfterEach
    void close() {
        client.finishAndReleaseAll();
    }

    private static String send(EmbeddedChannel channel, byte... bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return output(channel);
    }

    @Test
    void aFrameSentOneByteAtATimeIsAnsweredOnceWhole() {
        StringBuilder replies = new StringBuilder();
        for (byte b : "C USER alice\n".getBytes(StandardCharsets.UTF_8)) {
            replies.append(send(client, b));
        }

        assertThat(replies.toString()).matches("C NEW \\S+\n");
    }

    @Test
    void framesSentInOneWriteAreAnsweredInOrder() {
        String replies = exchange(client, "C USER alice\n" + AccountTestServer.pass(AccountTestServer.PASSWORD) + "C EX\n");

        assertThat(replies).matches("C NEW \\S+\nC OK welcome alice\nC OK bye\n");
    }

    @Test
    void crlfLineEndsAreAnsweredAsLfOnes() {
        String session = "C USER alice\n" + AccountTestServer.pass(AccountTestServer.PASSWORD) + "C EX\n";

        assertThat(exchange(client, session.replace("\n", "\r\n")))
                .matches("C NEW \\S+\nC OK welcome alice\nC OK bye\n");
    }

    @Test
    void aLineThatIsNotAFrameAndAnEmptyLineAreRefusedAndTheSessionGoesOn() {
        assertThat(exchange(client, "USER alice\n")).isEqualTo(EXPECTED_USER);
        assertThat(exchange(client, "\n")).isEqualTo(EXPECTED_USER);
        assertThat(exchange(client, "c USER alice\n")).isEqualTo(EXPECTED_USER);

        assertThat(exchange(client, "C USER alice\n")).matches("C NEW \\S+\n");
    }

    @Test
    void aBroadcastWithACharacterCutBetweenTwoWritesArrivesWhole() {
        EmbeddedChannel alice = server.login("alice");
        EmbeddedChannel bob = server.login("bob");
        exchange(alice, "C BM\n");
        byte[] frame = "D caf\u00e9 \u2615\n".getBytes(StandardCharsets.UTF_8);
        int insideTheCup = frame.length - 2;

        assertThat(send(alice, Arrays.copyOfRange(frame, 0, insideTheCup))).isEmpty();
        assertThat(send(alice, Arrays.copyOfRange(frame, insideTheCup, frame.length))).isEqualTo("C OK sent to 1 users\n");
        assertThat(output(bob)).isEqualTo("D BM alice caf\u00e9 \u2615\n");
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    @Test
    void aBroadcastWithInvalidUtf8ArrivesWithReplacementCharacters() {
        EmbeddedChannel alice = server.login("alice");
        EmbeddedChannel bob = server.login("bob");
        exchange(alice, "C BM\n");

        assertThat(send(alice, (byte) 'D', (byte) ' ', (byte) 'o', (byte) 0xFF, (byte) 'k', (byte) 0xC3, (byte) '\n'))
                .isEqualTo("C OK sent to 1 users\n");
        assertThat(output(bob)).isEqualTo("D BM alice o\uFFFDk\uFFFD\n");
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    @Test
    void aFrameOfExactlyTheLimitIsAnswered() {
        String longest = "C USER " + "a".repeat(AccountTestServer.MAX_FRAME - "C USER ".length());

        assertThat(exchange(client, longest + "\n")).startsWith("C ERR 400 user names are");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aFrameOverTheLimitIsRefusedAtOnceAndTheConnectionClosed() {
        String tooLong = "D " + "x".repeat(AccountTestServer.MAX_FRAME);

        // Refused before the frame has ended: the client need not finish sending it.
        assertThat(exchange(client, tooLong)).isEqualTo("C ERR 413 frame too long\n");
        assertThat(client.isOpen()).as("connected").isFalse();
    }

    @Test
    void framesFromAnotherTransportAreStringsAndNeedNoLineFraming() {
        client.pipeline().remove(io.parley.protocol.LineFraming.class);
        client.writeInbound("C USER alice", AccountTestServer.pass(AccountTestServer.PASSWORD).strip(), "C EX");

        assertThat(output(client)).matches("C NEW \\S+\nC OK welcome alice\nC OK bye\n");
    }

    @Test
    void framesParseByTheirTypeCharacterAndOneSpace() {
        assertThat(AccountDecoder.parse("C USER alice")).isEqualTo(new AccountFrame('C', "USER alice"));
        assertThat(AccountDecoder.parse("D  two spaces ")).isEqualTo(new AccountFrame('D', " two spaces "));
        assertThat(AccountDecoder.parse("C")).isEqualTo(new AccountFrame('C', ""));
        assertThat(AccountDecoder.parse("D ")).isEqualTo(new AccountFrame('D', ""));
        assertThat(AccountDecoder.parse("CUSER")).isEqualTo(new AccountFrame('?', "CUSER"));
        assertThat(AccountDecoder.parse("c USER")).isEqualTo(new AccountFrame('?', "c USER"));
        assertThat(AccountDecoder.parse("")).isEqualTo(new AccountFrame('?', ""));
    }
}
