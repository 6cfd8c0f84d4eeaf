package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The byte-stream transport's framing, shared by every text protocol here: turns a TCP (or TLS)
 * byte stream into one {@link String} per line, for the protocol's parser after it. A line ends
 * in {@code \n}, an optional {@code \r} before it dropped; it is decoded as UTF-8 with invalid
 * bytes (overlong encodings included) replaced by U+FFFD. An empty line is an empty string. A line
 * over the limit fails with a {@link io.netty.handler.codec.TooLongFrameException} as soon as the
 * limit is passed, without being buffered, and is then discarded up to its end; the protocol's
 * handler answers that failure in its own form. A line cut off by the close is dropped.
 *
 * <p>The parsers after it know no bytes or sockets, and nothing after it assumes TCP: a WebSocket
 * transport puts its own framing in this place (one text frame, one line; the same exception past
 * the limit) in front of the same parsers, and turns the lines the protocol's encoders write (each
 * ending in {@code \n}) into frames.
 *
 * <p>Not shareable: one per connection; event-loop only.
 */
public final class LineFraming extends LineBasedFrameDecoder {

    /** @param maxLineBytes the longest line, in bytes without its end, that passes */
    public LineFraming(int maxLineBytes) {
        super(maxLineBytes, true, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, buffer);
        if (frame == null) {
            return null;
        }
        try {
            return frame.toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }
}
