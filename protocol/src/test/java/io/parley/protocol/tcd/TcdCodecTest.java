package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.protocol.LineFraming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line framing, TcdDecoder and TcdReplyEncoder on an EmbeddedChannel: framing, limits and encoding. */
class TcdCodecTest {

    private static final int LIMIT = 128;
    private static final String JOIN = "JOIN_CHATROOM: room1\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: client1\n";
    private static final String CHAT = "CHAT: 1\nJOIN_ID: 2\nCLIENT_NAME: client1\nMESSAGE: hello\n\n";

    private final EmbeddedChannel channel = new EmbeddedChannel(LineFraming.withWireLengths(LIMIT),
            new TcdDecoder(LIMIT), TcdReplyEncoder.INSTANCE);
    /** Every buffer written inbound, to check that the decoder released each one. */
    private final List<ByteBuf> written = new ArrayList<>();

    @AfterEach
    void everyBufferIsReleased() {
        assertThat(channel.finishAndReleaseAll()).as("nothing left unread in the channel").isFalse();
        assertThat(written).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    private void write(byte[] bytes) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
        written.add(buffer);
        channel.writeInbound(buffer);
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Object> decoded() {
        List<Object> requests = new ArrayList<>();
        for (Object request; (request = channel.readInbound()) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    @Test
    void requestSplitIntoOneByteChunks() {
        for (byte b : JOIN.getBytes(StandardCharsets.UTF_8)) {
            write(new byte[] {b});
        }

        assertThat(decoded()).containsExactly(new TcdRequest.Join("room1", "client1"));
    }

    @Test
    void halfALineThenTheRest() {
        write("HELO BASE");
        assertThat(decoded()).isEmpty();

        write("_TEST\n");
        assertThat(decoded()).containsExactly(new TcdRequest.Helo("BASE_TEST"));
    }

    @Test
    void manyRequestsInOneBuffer() {
        write("HELO a\n" + JOIN + CHAT + "\n" + CHAT + "KILL_SERVICE\n");

        TcdRequest.Chat chat = new TcdRequest.Chat("1", "2", "client1", "hello");
        assertThat(decoded()).containsExactly(new TcdRequest.Helo("a"), new TcdRequest.Join("room1", "client1"),
                chat, chat, new TcdRequest.KillService());
    }

    @Test
    void crlfLineEndsGiveTheSameRequestsAsLf() {
        write((JOIN + CHAT).replace("\n", "\r\n"));
        List<Object> fromCrlf = decoded();

        write(JOIN + CHAT);
        assertThat(decoded()).isEqualTo(fromCrlf).hasSize(2);
    }

    @Test
    void crlfSplitBetweenItsTwoBytes() {
        write("HELO a\r");
        write("\nHELO b\r\n");

        assertThat(decoded()).containsExactly(new TcdRequest.Helo("a"), new TcdRequest.Helo("b"));
    }

    @Test
    void aLineOverTheLimitFailsAtOnceWithoutWaitingForItsEnd() {
        assertThatThrownBy(() -> write("HELO " + "x".repeat(LIMIT)))
                .isInstanceOf(TooLongFrameException.class);
        // The rest of the line is discarded as it comes, not buffered: the decoder keeps no
        // reference to what it was given.
        write("y".repeat(4 * LIMIT));
        assertThat(written).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());

        write(" end of the long line\nHELO after\n");
        assertThat(decoded()).containsExactly(new TcdRequest.Helo("after"));
    }

    @Test
    void aRequestOverTheLimitFailsWithTooLongFrame() {
        String longChat = "CHAT: 1\nJOIN_ID: 2\nCLIENT_NAME: c\nMESSAGE: " + "line of text\n".repeat(12) + "\n";

        assertThatThrownBy(() -> write(longChat)).isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] helo = {'H', 'E', 'L', 'O', ' ', 'a', (byte) 0xff, 'b', (byte) 0xc3, '\n'};
        write(helo);

        assertThat(decoded()).containsExactly(new TcdRequest.Helo("a\uFFFDb\uFFFD"));
    }

    @Test
    void multiByteCharactersSplitAcrossChunksDecodeWhole() {
        byte[] bytes = "HELO caf\u00e9 \u2615\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            write(new byte[] {b});
        }

        assertThat(decoded()).containsExactly(new TcdRequest.Helo("caf\u00e9 \u2615"));
    }

    @Test
    void repliesAreEncodedAsTheSpecsExactBytes() {
        channel.writeOutbound(new TcdReply.Helo("BASE_TEST", "127.0.0.1", 7710, "parley"),
                new TcdReply.Joined("room1", "127.0.0.1", 7710, 1, 5),
                new TcdReply.Left("1", "5"),
                new TcdReply.Chat(1, "client1", "hello\n\nworld\r\n"),
                new TcdReply.Error(2, "not a member of room 1"));

        assertThat(outbound()).isEqualTo("HELO BASE_TEST\nIP:127.0.0.1\nPort:7710\nStudentID:parley\n"
                + "JOINED_CHATROOM: room1\nSERVER_IP: 127.0.0.1\nPORT: 7710\nROOM_REF: 1\nJOIN_ID: 5\n"
                + "LEFT_CHATROOM: 1\nJOIN_ID: 5\n"
                + "CHAT: 1\nCLIENT_NAME: client1\nMESSAGE: hello\nworld\n\n"
                + "ERROR_CODE: 2\nERROR_DESCRIPTION: not a member of room 1\n");
    }

    /** Everything written outbound, as UTF-8 text; each buffer released once read. */
    private String outbound() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            text.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return text.toString();
    }
}
