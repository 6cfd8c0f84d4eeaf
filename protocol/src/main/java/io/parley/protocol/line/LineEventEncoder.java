package io.parley.protocol.line;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomEvent;
import io.parley.core.text.Text;
import io.parley.protocol.EncodedOncePerLoop;
import io.parley.protocol.SharedEventBytes;
import java.util.List;

/**
 * Renders room events for a line client. Messages, whatever protocol their author used, become
 * {@code name: text} lines; text that spans lines (a multi-line TCD message) becomes one
 * {@code name: line} per line, and CR and NUL are dropped, so no text can forge a line of its
 * own. Each message is encoded once per event loop and its bytes shared by every line member
 * there. Other members' joins and leaves, on any protocol, are notices: {@code * carol joined
 * lobby} / {@code * carol left lobby}. The connection's own join and leave show nothing (the
 * spec: no join notice to the joiner; it leaves by closing). A message's shared bytes reach the
 * member's pending output without the pipeline ({@link #of}). Event-loop only; one per connection.
 */
final class LineEventEncoder extends MessageToMessageEncoder<RoomEvent> implements SharedEventBytes {

    private static final EncodedOncePerLoop MESSAGES = new EncodedOncePerLoop();

    private final Member self;

    LineEventEncoder(Member self) {
        super(RoomEvent.class);
        this.self = self;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, List<Object> out) {
        if (event instanceof RoomEvent.Joined joined) {
            out.add(presence(ctx, joined.member(), joined.name(), "joined", event));
        } else if (event instanceof RoomEvent.Left left) {
            out.add(presence(ctx, left.member(), left.name(), "left", event));
        } else {
            ChatMessage message = event.message().orElseThrow();
            out.add(MESSAGES.bytes(message, () -> render(message, ctx.alloc())));
        }
    }

    /** A message's lines, shared; presence notices are rendered per recipient, through the pipeline. */
    @Override
    public ByteBuf of(RoomEvent event, ByteBufAllocator alloc) {
        if (!(event instanceof RoomEvent.Posted posted)) {
            return null;
        }
        return MESSAGES.shared(posted.chat(), alloc, LineEventEncoder::render);
    }

    /** A presence notice; rendered per recipient (the member's own shows nothing). */
    private ByteBuf presence(ChannelHandlerContext ctx, MemberRef member, String name, String what, RoomEvent event) {
        if (member.is(self)) {
            return Unpooled.EMPTY_BUFFER; // an encoder must pass something on
        }
        return ByteBufUtil.writeUtf8(ctx.alloc(),
                "* " + Text.clean(name, false) + " " + what + " " + Text.clean(event.room().name(), false) + "\n");
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
