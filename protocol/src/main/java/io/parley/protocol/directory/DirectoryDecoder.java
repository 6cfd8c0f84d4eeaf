package io.parley.protocol.directory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Parses the directory protocol's lines (from the transport's framing, e.g.
 * {@link io.parley.protocol.LineFraming} with {@link DirectorySettings#MAX_LINE_BYTES}) into
 * {@link DirectoryRequest.Command}s; blank lines produce nothing. Knows no bytes or sockets.
 * Not shareable, so that it asks for more input when its lines made no command while reads are
 * paused, as a decoder of the stream would: one per connection.
 */
final class DirectoryDecoder extends MessageToMessageDecoder<String> {

    DirectoryDecoder() {
        super(String.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        DirectoryRequest.Command command = DirectoryRequest.Command.parse(line);
        if (command != null) {
            out.add(command);
        }
    }
}
