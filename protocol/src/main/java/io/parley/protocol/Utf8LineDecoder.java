package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The framing every text protocol here shares: lines ending in {@code \n} (an optional
 * {@code \r} before it dropped), decoded as UTF-8 with invalid bytes (overlong encodings
 * included) replaced by U+FFFD. A line over the limit fails with a
 * {@link io.netty.handler.codec.TooLongFrameException} as soon as the limit is passed, and is then
 * discarded up to its end; a line cut off by the close is dropped. A protocol's decoder turns each
 * line into its request. Not shareable: one per connection.
 */
public abstract class Utf8LineDecoder extends LineBasedFrameDecoder {

    protected Utf8LineDecoder(int maxLineBytes) {
        super(maxLineBytes, true, true);
    }

    @Override
    protected final Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, buffer);
        if (frame == null) {
            return null;
        }
        try {
            return decodeLine(frame.toString(StandardCharsets.UTF_8), frame.readableBytes());
        } finally {
            frame.release();
        }
    }

    /**
     * The request one line makes, or null if it makes none yet.
     *
     * @param line the line without its end
     * @param byteLength its length on the wire
     */
    protected abstract Object decodeLine(String line, int byteLength);
}
