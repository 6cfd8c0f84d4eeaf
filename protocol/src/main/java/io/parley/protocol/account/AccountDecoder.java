package io.parley.protocol.account;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses the account protocol's lines (from the transport's framing, e.g.
 * {@link io.parley.protocol.LineFraming}) into frames: {@code C <payload>} and
 * {@code D <payload>}, or a frame of type {@code '?'} for any other line, which every state
 * refuses with {@code C ERR 400}. Knows no bytes or sockets. Not shareable, so that it asks for
 * more input when its lines made no frame while reads are paused, as a decoder of the stream
 * would: one per connection.
 */
final class AccountDecoder extends MessageToMessageDecoder<String> {

    AccountDecoder() {
        super(String.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        out.add(parse(line));
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
