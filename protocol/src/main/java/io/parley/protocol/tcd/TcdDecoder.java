package io.parley.protocol.tcd;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.parley.protocol.WireLine;
import java.util.List;

/**
 * Hands a TCD client's lines (from the transport's framing, e.g.
 * {@link io.parley.protocol.LineFraming}) to a {@link TcdParser}, which assembles them into
 * requests. A whole request over the limit fails with a {@link RequestTooLongException} (a
 * {@link io.netty.handler.codec.TooLongFrameException}) at the line that passes it, as a single
 * line over it does in the framing. A line comes as a {@link WireLine} (from
 * {@link io.parley.protocol.LineFraming#withWireLengths}: it counts the bytes the client sent) or
 * as a {@link String} (a transport whose frames are valid UTF-8 text, such as a WebSocket text
 * frame: it counts its UTF-8 length, which is then what was sent). Knows no bytes or sockets.
 * Not shareable: one per connection.
 */
final class TcdDecoder extends MessageToMessageDecoder<Object> {

    private final TcdParser parser;

    TcdDecoder(int maxRequestBytes) {
        this(maxRequestBytes, TcdSettings.DEFAULT_MAX_MESSAGE_LINES);
    }

    TcdDecoder(int maxRequestBytes, int maxMessageLines) {
        this.parser = new TcdParser(maxRequestBytes, maxMessageLines);
    }

    @Override
    public boolean acceptInboundMessage(Object msg) {
        return msg instanceof String || msg instanceof WireLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Object line, List<Object> out) {
        TcdRequest request = line instanceof WireLine wire ? parser.accept(wire.text(), wire.wireBytes())
                : parser.accept((String) line);
        if (request != null) {
            out.add(request);
        }
    }
}
