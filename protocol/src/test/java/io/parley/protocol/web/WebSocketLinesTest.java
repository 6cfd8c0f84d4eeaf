package io.parley.protocol.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketLinesTest {

    private final WebSocketLines lines = new WebSocketLines(10, false);
    private final EmbeddedChannel channel = new EmbeddedChannel(lines);

    @Test
    void aMessageIsALineWithoutItsLineEnd() {
        channel.writeInbound(new TextWebSocketFrame("hello\r\n"), new TextWebSocketFrame("two\nlines\n"),
                new TextWebSocketFrame(""));
        assertThat((String) channel.readInbound()).isEqualTo("hello");
        assertThat((String) channel.readInbound()).isEqualTo("two");
        assertThat((String) channel.readInbound()).isEqualTo("lines");
        assertThat((String) channel.readInbound()).isEmpty();
    }

    @Test
    void binaryIsDecodedWithReplacement() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'a', (byte) 0xff, 'b'})));
        assertThat((String) channel.readInbound()).isEqualTo("a\uFFFDb");
    }

    @Test
    void aLineOverTheLimitFailsLikeLineFraming() {
        channel.writeInbound(new TextWebSocketFrame("0123456789\r\n"));
        assertThat((String) channel.readInbound()).isEqualTo("0123456789");
        try {
            channel.writeInbound(new TextWebSocketFrame("0123456789A"));
            throw new AssertionError("no failure");
        } catch (TooLongFrameException expected) {
            assertThat(channel.<Object>readInbound()).isNull();
        }
    }

    @Test
    void eachWrittenLineIsOneTextFrameOfValidUtf8() {
        channel.writeOutbound(Unpooled.wrappedBuffer("a: one\nb: two\r\n\n".getBytes(StandardCharsets.UTF_8)));
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'x', (byte) 0xc3, '\n'}));
        assertThat(text(channel.readOutbound())).isEqualTo("a: one");
        assertThat(text(channel.readOutbound())).isEqualTo("b: two");
        WebSocketFrame replaced = channel.readOutbound();
        assertThat(replaced).isInstanceOf(TextWebSocketFrame.class);
        assertThat(text(replaced)).isEqualTo("x\uFFFD");
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void withTheBinarySubprotocolLinesAreBinaryFrames() {
        lines.binary(true);
        ByteBuf shared = Unpooled.wrappedBuffer("m: hi\n".getBytes(StandardCharsets.UTF_8));
        shared.retain(); // as a buffer shared between connections is
        channel.writeOutbound(shared);
        WebSocketFrame frame = channel.readOutbound();
        assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(text(frame)).isEqualTo("m: hi");
        assertThat(shared.readableBytes()).as("the shared buffer is only read").isEqualTo(6);
        shared.release();
    }

    private static String text(WebSocketFrame frame) {
        try {
            return new String(ByteBufUtil.getBytes(frame.content()), StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }
}
