package io.parley.protocol.line;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Frames the line protocol: one line per message ({@code \n}, an optional {@code \r} before it
 * dropped), decoded as UTF-8 with invalid bytes replaced by U+FFFD. A line over the limit fails
 * with a {@link io.netty.handler.codec.TooLongFrameException} at once; a line cut off by the
 * close is dropped. Not shareable: one per connection.
 */
final class LineDecoder extends LineBasedFrameDecoder {

    LineDecoder(int maxLineBytes) {
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
