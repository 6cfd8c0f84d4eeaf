package io.parley.protocol.tcd;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Hands a TCD client's lines (from the transport's framing, e.g.
 * {@link io.parley.protocol.LineFraming}) to a {@link TcdParser}, which assembles them into
 * requests. A whole request over the limit fails with a {@link RequestTooLongException} (a
 * {@link io.netty.handler.codec.TooLongFrameException}) at the line that passes it, as a single
 * line over it does in the framing. Knows no bytes or sockets. Not shareable: one per connection.
 */
final class TcdDecoder extends MessageToMessageDecoder<String> {

    private final TcdParser parser;

    TcdDecoder(int maxRequestBytes) {
        this(maxRequestBytes, TcdSettings.DEFAULT_MAX_MESSAGE_LINES);
    }

    TcdDecoder(int maxRequestBytes, int maxMessageLines) {
        super(String.class);
        this.parser = new TcdParser(maxRequestBytes, maxMessageLines);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        TcdRequest request = parser.accept(line);
        if (request != null) {
            out.add(request);
        }
    }
}
