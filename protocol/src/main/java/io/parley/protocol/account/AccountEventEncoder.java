package io.parley.protocol.account;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.ChatMessage;
import io.parley.core.RegisteredNames;
import io.parley.core.RoomEvent;
import io.parley.protocol.Text;
import java.util.List;

/**
 * Renders lobby messages for an account user as {@code D BM <name> <text>}, whatever protocol
 * their author used, except the user's own (a registered name belongs to its owner alone, so a
 * message under it is the user's). A multi-line text becomes one frame per line; CR and NUL are
 * dropped, so no text can forge a frame. Event-loop only; one per connection.
 */
final class AccountEventEncoder extends MessageToMessageEncoder<RoomEvent> {

    private final AccountSession session;

    AccountEventEncoder(AccountSession session) {
        super(RoomEvent.class);
        this.session = session;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, List<Object> out) {
        event.message().filter(message -> !RegisteredNames.key(message.author()).equals(session.nameKey()))
                .ifPresent(message -> render(message, out));
        if (out.isEmpty()) {
            out.add(Unpooled.EMPTY_BUFFER); // an encoder must pass something on
        }
    }

    private static void render(ChatMessage message, List<Object> out) {
        for (String line : Text.lines(message.text())) {
            out.add("D BM " + message.author() + " " + line);
        }
    }
}
