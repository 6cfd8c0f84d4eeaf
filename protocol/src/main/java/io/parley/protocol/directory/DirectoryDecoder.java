package io.parley.protocol.directory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Frames the directory protocol: one command per line ({@code \n}, an optional {@code \r} before
 * it dropped), decoded as UTF-8 with invalid bytes replaced by U+FFFD and split into a
 * {@link DirectoryRequest.Command}. Blank lines produce nothing. A line over
 * {@link DirectorySettings#MAX_LINE_BYTES} fails with a
 * {@link io.netty.handler.codec.TooLongFrameException} as soon as the limit is passed, and is
 * then discarded up to its end. Not shareable: one per connection.
 */
final class DirectoryDecoder extends LineBasedFrameDecoder {

    DirectoryDecoder() {
        super(DirectorySettings.MAX_LINE_BYTES, true, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, buffer);
        if (frame == null) {
            return null;
        }
        try {
            return DirectoryRequest.Command.parse(frame.toString(StandardCharsets.UTF_8));
        } finally {
            frame.release();
        }
    }
}
