package io.parley.protocol.tcd;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.RoomEvent;
import io.parley.protocol.EncodedOncePerLoop;
import java.util.List;

/**
 * Renders room events for a TCD client. The connection's own join becomes its JOINED reply and
 * its own LEAVE_CHATROOM its LEFT reply, at the event's place in the room's order: JOINED comes
 * before any message of the room, and after LEFT nothing more of the room arrives. Every event's
 * message (a chat, an announcement) is a CHAT relay. Event-loop only; one per connection.
 */
final class TcdRoomEventEncoder extends MessageToMessageEncoder<RoomEvent> {

    /** The relay of a message is the same for every TCD member: encoded once per event loop. */
    private static final EncodedOncePerLoop RELAYS = new EncodedOncePerLoop();

    private final TcdSession session;

    TcdRoomEventEncoder(TcdSession session) {
        super(RoomEvent.class);
        this.session = session;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RoomEvent event, List<Object> out) {
        int ref = event.room().ref();
        if (event instanceof RoomEvent.Joined joined && joined.member() == session.member) {
            String room = session.takeJoinReply(ref);
            out.add(new TcdReply.Joined(room != null ? room : event.room().name(), session.serverIp,
                    session.port, ref, session.member.id()));
        }
        if (event instanceof RoomEvent.Left left && left.member() == session.member) {
            String joinId = session.takeLeaveReply(ref);
            if (joinId != null) {
                out.add(new TcdReply.Left(Integer.toString(ref), joinId));
            }
        }
        event.message().ifPresent(message -> out.add(RELAYS.bytes(message, () -> ByteBufUtil.writeUtf8(ctx.alloc(),
                new TcdReply.Chat(message.roomRef(), message.author(), message.text()).wire()))));
        if (out.isEmpty()) {
            // Another member's silent join or leave (a line client's): nothing to show, but an
            // encoder must pass something on.
            out.add(Unpooled.EMPTY_BUFFER);
        }
    }
}
