package io.parley.protocol.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.parley.protocol.LineFraming;
import io.parley.protocol.WireLine;
import io.netty.util.concurrent.PromiseCombiner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket transport's framing, in the place of a line protocol's
 * {@link io.parley.protocol.LineFraming}: one message is one line (IRCv3 WebSocket).
 *
 * <p>Inbound, each whole text or binary message becomes a {@link String} for the protocol's
 * parser (a {@link WireLine} when the framing it replaces passes those): a trailing CR LF or LF a client sends anyway is dropped (a message holding several
 * lines is read as those lines); a binary message is decoded as UTF-8 with invalid bytes
 * replaced by U+FFFD (a text message's UTF-8 the frame decoder has already checked). A line over
 * the limit fails with a {@link TooLongFrameException}, as with {@code LineFraming}.
 *
 * <p>Outbound, the protocol's encoders write {@code \n}-terminated lines as bytes; each line
 * becomes one message without its line end (an empty one becomes none): a text frame for the
 * {@code text.ircv3.net} subprotocol or none, where bytes that are not valid UTF-8 are replaced
 * first, or a binary frame for {@code binary.ircv3.net}. The buffers it is given may be shared
 * between connections; it only reads them.
 *
 * <p>One per connection; event-loop only.
 */
final class WebSocketLines extends ChannelDuplexHandler {

    static final String NAME = "web-socket-lines";

    private final int maxLineBytes;
    private final boolean wireLengths;
    private boolean binary;

    /** Takes the place of {@code framing}: the same limit, lines passed on in the same form. */
    WebSocketLines(LineFraming framing) {
        this(framing.maxLineBytes(), framing.wireLengths());
    }

    WebSocketLines(int maxLineBytes, boolean wireLengths) {
        this.maxLineBytes = maxLineBytes;
        this.wireLengths = wireLengths;
    }

    /** The longest line that passes: the carried protocol's. */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** Set by the handshake: whether the client chose {@code binary.ircv3.net}. */
    void binary(boolean binary) {
        this.binary = binary;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf message = ((WebSocketFrame) msg).content();
        try {
            int start = message.readerIndex();
            int end = message.writerIndex();
            do {
                int newline = message.indexOf(start, end, (byte) '\n');
                int lineEnd = newline < 0 ? end : newline;
                int length = lineEnd - start;
                if (length > 0 && message.getByte(lineEnd - 1) == '\r') {
                    length--;
                }
                if (length > maxLineBytes) {
                    ctx.fireExceptionCaught(new TooLongFrameException(
                            "frame length (" + length + ") exceeds the allowed maximum (" + maxLineBytes + ")"));
                    return;
                }
                // Invalid bytes are replaced (and, for a WireLine, noted).
                ctx.fireChannelRead(wireLengths ? WireLine.decode(message, start, length)
                        : message.toString(start, length, StandardCharsets.UTF_8));
                start = lineEnd + 1;
            } while (start < end); // a trailing line end ends the last line; it starts none
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        try {
            List<WebSocketFrame> frames = frames(bytes);
            if (frames.isEmpty()) {
                promise.trySuccess();
                return;
            }
            if (frames.size() == 1) {
                ctx.write(frames.get(0), promise);
                return;
            }
            PromiseCombiner all = new PromiseCombiner(ctx.executor());
            for (WebSocketFrame frame : frames) {
                all.add(ctx.write(frame));
            }
            all.finish(promise);
        } finally {
            bytes.release();
        }
    }

    /** One frame per line of {@code bytes}, without line ends; a last line without one too. */
    private List<WebSocketFrame> frames(ByteBuf bytes) {
        List<WebSocketFrame> frames = new ArrayList<>(1);
        int start = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (start < end) {
            int newline = bytes.indexOf(start, end, (byte) '\n');
            int lineEnd = newline < 0 ? end : newline;
            int contentEnd = lineEnd > start && bytes.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > start) {
                frames.add(frame(bytes, start, contentEnd - start));
            }
            start = newline < 0 ? end : newline + 1;
        }
        return frames;
    }

    private WebSocketFrame frame(ByteBuf bytes, int index, int length) {
        ByteBuf line = bytes.retainedSlice(index, length);
        if (binary) {
            return new BinaryWebSocketFrame(line);
        }
        if (!WellFormedUtf8.check(line, line.readerIndex(), line.readableBytes())) {
            String replaced = line.toString(StandardCharsets.UTF_8);
            line.release();
            line = ByteBufUtil.writeUtf8(bytes.alloc(), replaced);
        }
        return new TextWebSocketFrame(line);
    }
}
