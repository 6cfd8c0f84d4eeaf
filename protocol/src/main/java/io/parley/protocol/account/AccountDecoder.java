package io.parley.protocol.account;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Frames the account protocol: one frame per line ({@code \n}, an optional {@code \r} before it
 * dropped), UTF-8 with invalid bytes replaced. A line that is not {@code C <payload>} or
 * {@code D <payload>} becomes a frame of type {@code '?'}, which every state refuses with
 * {@code C ERR 400}. A frame over the limit fails at once with a TooLongFrameException.
 * Not shareable: one per connection.
 */
final class AccountDecoder extends LineBasedFrameDecoder {

    AccountDecoder(int maxFrameBytes) {
        super(maxFrameBytes, true, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf line = (ByteBuf) super.decode(ctx, buffer);
        if (line == null) {
            return null;
        }
        try {
            return parse(line.toString(StandardCharsets.UTF_8));
        } finally {
            line.release();
        }
    }

    static AccountFrame parse(String line) {
        if (line.length() >= 2 && (line.charAt(0) == 'C' || line.charAt(0) == 'D') && line.charAt(1) == ' ') {
            return new AccountFrame(line.charAt(0), line.substring(2));
        }
        if (line.equals("C") || line.equals("D")) {
            return new AccountFrame(line.charAt(0), "");
        }
        return new AccountFrame('?', line);
    }
}
