package io.parley.protocol.tcd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Frames a TCD byte stream into lines ({@code \n}, with an optional {@code \r} before it) and
 * hands them to a {@link TcdParser}. A line, or a whole request, over the limit fails with a
 * {@link io.netty.handler.codec.TooLongFrameException} at once, without buffering the rest.
 * Invalid UTF-8 becomes U+FFFD. Not shareable: one per connection.
 */
final class TcdDecoder extends LineBasedFrameDecoder {

    private final TcdParser parser;

    TcdDecoder(int maxRequestBytes) {
        super(maxRequestBytes, true, true);
        this.parser = new TcdParser(maxRequestBytes);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, buffer);
        if (frame == null) {
            return null;
        }
        try {
            return parser.accept(frame.toString(StandardCharsets.UTF_8), frame.readableBytes());
        } finally {
            frame.release();
        }
    }
}
