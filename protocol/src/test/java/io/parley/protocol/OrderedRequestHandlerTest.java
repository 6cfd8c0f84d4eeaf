package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.ChatService;
import io.parley.core.room.Member;
import io.parley.core.room.RoomEvent;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests still waiting for their turn when a connection closes, on a real event loop (an
 * EmbeddedChannel would cancel the rate limit's scheduled resumption on close): a line client's
 * lines, at one per second.
 */
class OrderedRequestHandlerTest {

    private static final int LINES = 50;

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final ChatService chat = PipelineFuzzing.inMemoryChat();
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aClosedConnectionLeavesAtOnceAndWhatItHadQueuedIsNeverPosted() throws Exception {
        BlockingQueue<RoomEvent> seen = watch("lobby");
        LocalAddress address = new LocalAddress(OrderedRequestHandlerTest.class);
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childAttr(RequestLimits.KEY, new RequestLimits(1, 2, 1000))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        accepted.complete(channel);
                        channel.pipeline().addLast(new LineInitializer(chat, new RegisteredNames(List.of()),
                                new LineSettings("lobby", 256)));
                    }
                })
                .bind(address).sync();
        Channel client = new Bootstrap().group(loops).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
        StringBuilder lines = new StringBuilder("alice\n");
        for (int i = 1; i <= LINES; i++) {
            lines.append("line ").append(i).append('\n');
        }
        client.writeAndFlush(Unpooled.copiedBuffer(lines, StandardCharsets.UTF_8)).sync();
        // The name and the first line use up the burst; the other lines wait, one a second.
        until(seen, event -> text(event).equals("line 1"));

        accepted.get(5, TimeUnit.SECONDS).close(); // e.g. dropped as a slow reader

        List<RoomEvent> untilLeft = until(seen, event -> event instanceof RoomEvent.Left);
        assertThat(untilLeft.stream().map(OrderedRequestHandlerTest::text))
                .as("lines posted after the close").doesNotContain("line " + LINES);
    }

    /** A member of {@code room} that only collects what the room delivers. */
    private BlockingQueue<RoomEvent> watch(String room) throws Exception {
        BlockingQueue<RoomEvent> events = new LinkedBlockingQueue<>();
        Member watcher = new Member() {
            private final long id = chat.newMemberId();

            @Override
            public long id() {
                return id;
            }

            @Override
            public Executor executor() {
                return Runnable::run;
            }

            @Override
            public void deliver(RoomEvent event) {
                events.add(event);
            }
        };
        chat.rooms().open(room).thenCompose(opened -> chat.join(opened, watcher, "watcher"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        events.clear(); // the watcher's own join
        return events;
    }

    /** The room's events up to the first that {@code last} accepts, which must come within 10 s. */
    private static List<RoomEvent> until(BlockingQueue<RoomEvent> events, Predicate<RoomEvent> last)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<RoomEvent> seen = new ArrayList<>();
        while (seen.isEmpty() || !last.test(seen.get(seen.size() - 1))) {
            RoomEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("the awaited event, within 10 s; before it: %s",
                    seen.stream().map(OrderedRequestHandlerTest::text).toList()).isNotNull();
            seen.add(event);
        }
        return seen;
    }

    private static String text(RoomEvent event) {
        return event.message().map(ChatMessage::text).orElse("");
    }
}
