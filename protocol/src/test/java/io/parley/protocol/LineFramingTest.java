package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LineFraming} on its own, as every text protocol's parser sees it: bytes in any chunks in,
 * one string per line out, whatever the client's line ends and encoding.
 */
class LineFramingTest {

    private static final int LIMIT = 16;

    private final EmbeddedChannel channel = new EmbeddedChannel(new LineFraming(LIMIT));
    /** Every buffer written inbound, to check that the framing released each one. */
    private final List<ByteBuf> written = new ArrayList<>();

    @AfterEach
    void everyBufferIsReleased() {
        channel.finishAndReleaseAll();
        assertThat(written).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    private List<String> write(byte... bytes) {
        ByteBuf buffer = Unpooled.buffer(bytes.length).writeBytes(bytes);
        written.add(buffer);
        channel.writeInbound(buffer);
        List<String> lines = new ArrayList<>();
        for (Object line = channel.readInbound(); line != null; line = channel.readInbound()) {
            lines.add((String) line);
        }
        return lines;
    }

    private List<String> write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineSentOneByteAtATimeIsOneLine() {
        List<String> lines = new ArrayList<>();
        for (byte b : "hello\nworld\n".getBytes(StandardCharsets.UTF_8)) {
            lines.addAll(write(b));
        }

        assertThat(lines).containsExactly("hello", "world");
    }

    @Test
    void manyLinesInOneBufferAreManyLinesInOrder() {
        assertThat(write("one\ntwo\nthree\n")).containsExactly("one", "two", "three");
    }

    @Test
    void halfALineWaitsForTheRest() {
        assertThat(write("hel")).isEmpty();
        assertThat(write("lo\nwor")).containsExactly("hello");
        assertThat(write("ld\n")).containsExactly("world");
    }

    @Test
    void aCharacterSplitBetweenTwoReadsDecodesWhole() {
        byte[] bytes = "caf\u00e9 \u2615 \ud83d\ude00\n".getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (byte b : bytes) {
            lines.addAll(write(b)); // every multi-byte character is cut between its bytes
        }

        assertThat(lines).containsExactly("caf\u00e9 \u2615 \ud83d\ude00");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        // A stray continuation byte, a lead byte without its continuation, an overlong '/' (C0 AF).
        assertThat(write(new byte[] {'a', (byte) 0x80, 'b', (byte) 0xC3, 'c', (byte) 0xC0, (byte) 0xAF, '\n'}))
                .singleElement().satisfies(line -> {
                    assertThat(line).startsWith("a\uFFFDb\uFFFDc\uFFFD").doesNotContain("/");
                    assertThat(line.replace("\uFFFD", "")).isEqualTo("abc");
                });
    }

    @Test
    void wireLinesSayWhetherTheClientSentUtf8() {
        EmbeddedChannel wire = new EmbeddedChannel(LineFraming.withWireLengths(64));
        byte[] replacementCharacter = "ok \uFFFD \u00e9\n".getBytes(StandardCharsets.UTF_8); // U+FFFD sent as such
        byte[] truncatedEmoji = {'a', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'b', '\n'}; // repaired to as many bytes
        byte[] strayByte = {'h', 'i', (byte) 0xAA, '\n'};
        wire.writeInbound(Unpooled.wrappedBuffer(replacementCharacter), Unpooled.wrappedBuffer(truncatedEmoji),
                Unpooled.wrappedBuffer(strayByte));

        assertThat((WireLine) wire.readInbound()).isEqualTo(new WireLine("ok \uFFFD \u00e9", 9, true));
        assertThat((WireLine) wire.readInbound()).isEqualTo(new WireLine("a\uFFFDb", 5, false));
        assertThat((WireLine) wire.readInbound()).isEqualTo(new WireLine("hi\uFFFD", 3, false));
        wire.finishAndReleaseAll();
    }

    @Test
    void crlfAndLfEndLinesAlikeAndALoneCrStaysInTheLine() {
        assertThat(write("one\r\ntwo\nthree\r\nfour\rfive\n")).containsExactly("one", "two", "three", "four\rfive");
    }

    @Test
    void crlfSplitBetweenItsTwoBytesIsOneLineEnd() {
        assertThat(write("one\r")).isEmpty();
        assertThat(write("\ntwo\n")).containsExactly("one", "two");
    }

    @Test
    void emptyLinesAreEmptyStrings() {
        assertThat(write("\n\r\none\n\n")).containsExactly("", "", "one", "");
    }

    @Test
    void aLineOfExactlyTheLimitPasses() {
        String longest = "x".repeat(LIMIT);

        assertThat(write(longest + "\r\n")).containsExactly(longest);
    }

    @Test
    void aLineOfExactlyTheLimitPassesWhenItsCrlfIsSplitBetweenReads() {
        String longest = "x".repeat(LIMIT);

        assertThat(write(longest + "\r")).isEmpty();
        assertThat(write("\n")).containsExactly(longest);
    }

    @Test
    void aLineOfOneByteOverTheLimitFailsWhateverItsEnd() {
        assertThatThrownBy(() -> write("x".repeat(LIMIT + 1) + "\r\n")).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(Integer.toString(LIMIT));
        assertThat(write("x".repeat(LIMIT) + "\r")).isEmpty(); // a CR that ends the line would fit
        assertThatThrownBy(() -> write("y\n")).isInstanceOf(TooLongFrameException.class); // it did not

        assertThat(write("after\n")).containsExactly("after");
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        String eightCharacters = "\u00e9".repeat(LIMIT / 2 + 1); // 2 bytes each: 18 bytes

        assertThatThrownBy(() -> write(eightCharacters + "\n")).isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aLineOverTheLimitFailsAtOnceAndIsDiscardedToItsEnd() {
        // Fails before the line has ended: the rest is never buffered.
        assertThatThrownBy(() -> write("y".repeat(LIMIT + 1))).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(Integer.toString(LIMIT));
        assertThat(write("y".repeat(4 * LIMIT))).isEmpty();

        assertThat(write("end of the long line\nafter\n")).containsExactly("after");
    }

    @Test
    void aLineCutOffByTheCloseIsDropped() {
        assertThat(write("complete\nhalf")).containsExactly("complete");

        channel.close();
        assertThat((Object) channel.readInbound()).isNull();
    }
}
