package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member's room events with shared bytes wait in its {@link PendingOutput} for the end of the
 * burst and leave as one buffer, in the order the server produced them with everything else
 * written to the connection (replies, events rendered per recipient). (The cap and a reader that
 * never reads: {@code SlowReaderTest}, over a socket; leaks: every test here runs under the leak
 * detector, which fails it for a buffer dropped unreleased.)
 */
class PendingOutputTest {

    private static final RoomId ROOM = new RoomId(1, "lobby");

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ChannelMember member = new ChannelMember(1, channel);
    private final PendingOutput pending = new PendingOutput();
    /** The shared bytes of each message, as a protocol's loop would keep them. */
    private final List<ByteBuf> encodedOnce = new ArrayList<>();

    PendingOutputTest() {
        member.bufferSharedEvents(pending, (event, alloc) -> event instanceof RoomEvent.Posted posted
                ? encodedOnce(posted.chat().text()) : null);
        channel.pipeline().addLast(PendingOutput.NAME, pending);
        channel.pipeline().addLast(new JoinsPerRecipient());
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
        encodedOnce.forEach(ByteBuf::release);
    }

    @Test
    void aBurstLeavesAsOneBufferOnceTheTasksQueuedBeforeItHaveRun() {
        // Three rooms' fan-out tasks queued on the loop: the first delivery queues the flush behind them.
        channel.eventLoop().execute(() -> member.deliver(posted(1, "one")));
        channel.eventLoop().execute(() -> member.deliver(posted(2, "two")));
        channel.eventLoop().execute(() -> member.deliver(posted(3, "three")));
        channel.runPendingTasks();

        assertThat(outbound()).containsExactly("one\ntwo\nthree\n");
    }

    @Test
    void aReplyWrittenBetweenEventsLeavesBetweenThem() {
        member.deliver(posted(1, "before"));
        channel.writeAndFlush(Unpooled.copiedBuffer("reply\n", StandardCharsets.UTF_8));
        member.deliver(posted(2, "after"));
        channel.runPendingTasks();

        assertThat(String.join("", outbound())).isEqualTo("before\nreply\nafter\n");
    }

    @Test
    void anEventRenderedPerRecipientKeepsItsPlaceInTheRoomsOrder() {
        member.deliver(posted(1, "first"));
        member.deliver(new RoomEvent.Joined(ROOM, 2, new MemberRef(io.parley.core.room.Member.LOCAL_NODE, 7, "carol")));
        member.deliver(posted(3, "third"));
        channel.runPendingTasks();

        assertThat(String.join("", outbound())).isEqualTo("first\n* carol joined\nthird\n");
    }

    @Test
    void aConnectionClosedWithOutputPendingReleasesItAndWritesNothing() {
        member.deliver(posted(1, "never sent"));
        channel.pipeline().close(); // as a handler closes it: before the burst's flush
        channel.runPendingTasks();

        assertThat(outbound()).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void withoutItsPendingOutputAMemberWritesThroughThePipeline() {
        channel.pipeline().remove(pending); // as the WebSocket transport does
        member.deliver(posted(1, "framed by the transport"));
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).as("a message of its own, not bytes").isInstanceOf(RoomEvent.Posted.class);
    }

    private ByteBuf encodedOnce(String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        encodedOnce.add(bytes);
        return bytes;
    }

    private static RoomEvent.Posted posted(long sequence, String text) {
        return new RoomEvent.Posted(ROOM, sequence,
                new ChatMessage(sequence, Instant.EPOCH, ROOM.ref(), "bob", ChatMessage.Kind.CHAT, text));
    }

    /** What the connection was sent, one string per buffer; released. */
    private List<String> outbound() {
        List<String> sent = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf bytes = (ByteBuf) out;
            sent.add(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        return sent;
    }

    /** A protocol's encoder of what is rendered per recipient: joins. */
    private static final class JoinsPerRecipient extends MessageToMessageEncoder<RoomEvent.Joined> {
        @Override
        protected void encode(ChannelHandlerContext ctx, RoomEvent.Joined joined, List<Object> out) {
            out.add(Unpooled.copiedBuffer("* " + joined.name() + " joined\n", StandardCharsets.UTF_8));
        }
    }
}
