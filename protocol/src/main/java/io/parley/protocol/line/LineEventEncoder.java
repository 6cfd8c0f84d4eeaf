package io.parley.protocol.line;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.ChatMessage;
import io.parley.core.RoomEvent;
import io.parley.protocol.EncodedOncePerLoop;
import io.parley.protocol.Text;
import java.util.List;

/**
 * Renders room messages, whatever protocol their author used, as {@code name: text} lines.
 * Events without a message (a silent join or leave) write nothing. Text that spans lines (a
 * multi-line TCD message) becomes one {@code name: line} per line, and CR and NUL are dropped,
 * so no text can forge a line of its own. Each event is encoded once per event loop and its bytes
 * shared by every line member there. Stateless and shareable.
 */
@ChannelHandler.Sharable
final class LineEventEncoder extends MessageToMessageEncoder<RoomEvent> {

    static final LineEventEncoder INSTANCE = new LineEventEncoder();

    private final EncodedOncePerLoop encoded = new EncodedOncePerLoop();

    private LineEventEncoder() {
        super(RoomEvent.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, List<Object> out) {
        ChatMessage message = event.message().orElse(null);
        // An encoder must pass something on, even for an event that shows nothing.
        out.add(message == null ? Unpooled.EMPTY_BUFFER : encoded.bytes(message, () -> render(message, ctx.alloc())));
    }

    private static ByteBuf render(ChatMessage message, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        for (String line : Text.lines(message.text())) {
            ByteBufUtil.writeUtf8(out, message.author());
            out.writeByte(':').writeByte(' ');
            ByteBufUtil.writeUtf8(out, line);
            out.writeByte('\n');
        }
        return out;
    }
}
