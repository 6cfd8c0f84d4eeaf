package io.parley.protocol.account;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.RoomEvent;
import io.parley.core.text.NameKeys;
import io.parley.core.text.Text;
import io.parley.protocol.EncodedOncePerLoop;
import java.util.List;

/**
 * Renders lobby messages for an account user as {@code D BM <name> <text>}, whatever protocol
 * their author used, except the user's own (a registered name belongs to its owner alone, so a
 * message under it is the user's). The name is one token ({@link NameTokens}), so a name with a
 * space cannot pass for another. A multi-line text becomes one frame per line; CR and NUL are
 * dropped, so no text can forge a frame. Joins and leaves show nothing: the account protocol
 * (docs/protocols/account.md) has no frame for them, and a {@code D BM} would turn
 * presence into something a member said. Each message's frames are encoded once per event loop
 * and their bytes shared by every account user there. Event-loop only; one per connection.
 */
final class AccountEventEncoder extends MessageToMessageEncoder<RoomEvent> {

    private static final EncodedOncePerLoop FRAMES = new EncodedOncePerLoop();

    private final AccountSession session;

    AccountEventEncoder(AccountSession session) {
        super(RoomEvent.class);
        this.session = session;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, List<Object> out) {
        ChatMessage message = event.message()
                .filter(shown -> !NameKeys.key(shown.author()).equals(session.nameKey())).orElse(null);
        // An encoder must pass something on, even for an event that shows nothing.
        out.add(message == null ? Unpooled.EMPTY_BUFFER : FRAMES.bytes(message, () -> render(message, ctx.alloc())));
    }

    private static ByteBuf render(ChatMessage message, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        for (String line : Text.lines(message.text())) {
            ByteBufUtil.writeUtf8(out, "D BM ");
            ByteBufUtil.writeUtf8(out, NameTokens.token(message.author()));
            out.writeByte(' ');
            ByteBufUtil.writeUtf8(out, line);
            out.writeByte('\n');
        }
        return out;
    }
}
