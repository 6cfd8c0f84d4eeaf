package io.parley.protocol.tcd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.RoomEvent;
import io.parley.protocol.EncodedOncePerLoop;
import io.parley.protocol.SharedEventBytes;
import java.util.List;

/**
 * Renders room events for a TCD client (spec: {@code shared/specs/tcd.md}). The connection's own
 * join becomes its JOINED reply and its own LEAVE_CHATROOM its LEFT reply, at the event's place in
 * the room's order: JOINED comes before any message of the room, and after LEFT nothing more of
 * the room arrives. A message is a CHAT relay. Every join and leave, whatever protocol the member
 * uses, is announced in the spec's form (a relay from the member with the text
 * {@code <name> has joined this chatroom.} / {@code <name> has left this chatroom.}), right after
 * the JOINED / LEFT of the member's own. A message's relay is the same bytes for every member:
 * {@link #of} gives them to the member's pending output without the pipeline. Event-loop only;
 * one per connection.
 */
final class TcdRoomEventEncoder extends MessageToMessageEncoder<RoomEvent> implements SharedEventBytes {

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
        if (event instanceof RoomEvent.Joined joined) {
            if (joined.member().is(session.member)) {
                String room = session.takeJoinReply(ref);
                out.add(new TcdReply.Joined(room != null ? room : event.room().name(), session.serverIp,
                        session.port, ref, session.member.id()));
            }
            // Presence events are rarer than messages, and the member's own join differs from
            // what the others get: rendered per recipient.
            out.add(new TcdReply.Chat(ref, joined.name(), joined.name() + " has joined this chatroom."));
        } else if (event instanceof RoomEvent.Left left) {
            if (left.member().is(session.member)) {
                String joinId = session.takeLeaveReply(ref);
                if (joinId != null) {
                    out.add(new TcdReply.Left(Integer.toString(ref), joinId));
                }
            }
            out.add(new TcdReply.Chat(ref, left.name(), left.name() + " has left this chatroom."));
        } else {
            event.message().ifPresent(message -> out.add(RELAYS.bytes(message, () -> relay(message, ctx.alloc()))));
        }
    }

    /** A message's relay, shared; joins and leaves are rendered per recipient, through the pipeline. */
    @Override
    public ByteBuf of(RoomEvent event, ByteBufAllocator alloc) {
        if (!(event instanceof RoomEvent.Posted posted)) {
            return null;
        }
        return RELAYS.shared(posted.chat(), alloc, TcdRoomEventEncoder::relay);
    }

    private static ByteBuf relay(ChatMessage message, ByteBufAllocator alloc) {
        return ByteBufUtil.writeUtf8(alloc, new TcdReply.Chat(message.roomRef(), message.author(), message.text()).wire());
    }
}
