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
    /**
     * A join's or leave's announcement is the same for every member but the one joining or
     * leaving (who gets its JOINED / LEFT first): encoded once per event loop too, keyed by the
     * event. In a room of n members that is n renderings per join instead of n pipeline writes.
     * The loop keeps its last announced event, which names the member by value ({@code MemberRef}),
     * so a departed member's connection is not kept reachable (EncodedOncePerLoopTest).
     */
    private static final EncodedOncePerLoop ANNOUNCEMENTS = new EncodedOncePerLoop();

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
            // Here for the member's own join, or a connection without pending output (WebSocket);
            // the others' copies of the announcement come from of().
            out.add(announcement(joined));
        } else if (event instanceof RoomEvent.Left left) {
            if (left.member().is(session.member)) {
                String joinId = session.takeLeaveReply(ref);
                if (joinId != null) {
                    out.add(new TcdReply.Left(Integer.toString(ref), joinId));
                }
            }
            out.add(announcement(left));
        } else {
            event.message().ifPresent(message -> out.add(RELAYS.bytes(message, () -> relay(message, ctx.alloc()))));
        }
    }

    /**
     * A message's relay, and another member's join or leave announcement, shared; the member's own
     * join and leave (with its JOINED / LEFT reply) are rendered for it, through the pipeline.
     */
    @Override
    public ByteBuf of(RoomEvent event, ByteBufAllocator alloc) {
        if (event instanceof RoomEvent.Posted posted) {
            return RELAYS.shared(posted.chat(), alloc, TcdRoomEventEncoder::relay);
        }
        if (event instanceof RoomEvent.Joined joined && !joined.member().is(session.member)
                || event instanceof RoomEvent.Left left && !left.member().is(session.member)) {
            return ANNOUNCEMENTS.sharedOf(event, alloc, TcdRoomEventEncoder::announcement);
        }
        return null;
    }

    /** {@code <name> has joined this chatroom.} (or left), as a relay from the member: the spec's form. */
    private static TcdReply.Chat announcement(RoomEvent event) {
        String name = event instanceof RoomEvent.Joined joined ? joined.name() : ((RoomEvent.Left) event).name();
        String verb = event instanceof RoomEvent.Joined ? " has joined this chatroom." : " has left this chatroom.";
        return new TcdReply.Chat(event.room().ref(), name, name + verb);
    }

    private static ByteBuf announcement(RoomEvent event, ByteBufAllocator alloc) {
        return ByteBufUtil.writeUtf8(alloc, announcement(event).wire());
    }

    private static ByteBuf relay(ChatMessage message, ByteBufAllocator alloc) {
        return ByteBufUtil.writeUtf8(alloc, new TcdReply.Chat(message.roomRef(), message.author(), message.text()).wire());
    }
}
