package io.parley.protocol.line;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.parley.core.ChatMessage;
import io.parley.core.RoomEvent;

/**
 * Renders room messages, whatever protocol their author used, as {@code name: text} lines.
 * Events without a message (a silent join or leave) write nothing. Text that spans lines (a
 * multi-line TCD message) becomes one {@code name: line} per line, and CR and NUL are dropped,
 * so no text can forge a line of its own. Stateless and shareable.
 */
@ChannelHandler.Sharable
final class LineEventEncoder extends MessageToByteEncoder<RoomEvent> {

    static final LineEventEncoder INSTANCE = new LineEventEncoder();

    private LineEventEncoder() {
        super(RoomEvent.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, ByteBuf out) {
        event.message().ifPresent(message -> write(message, out));
    }

    private static void write(ChatMessage message, ByteBuf out) {
        String text = message.text().replace("\r", "").replace("\0", "");
        for (String line : text.split("\n", -1)) {
            ByteBufUtil.writeUtf8(out, message.author());
            out.writeByte(':').writeByte(' ');
            ByteBufUtil.writeUtf8(out, line);
            out.writeByte('\n');
        }
    }
}
