package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.Room;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IrcPostPipeline}'s fence: it settles once every tracked message has reached its room or
 * failed (the failure told on the connection's loop first), and also when that loop no longer
 * takes tasks, so a command behind the fence never waits forever on a connection being shut down.
 */
class IrcPostPipelineTest {

    private static final Room ROOM = new Room(1, "lobby");

    private final EventLoop loop = new DefaultEventLoop();
    private final IrcPostPipeline posts = new IrcPostPipeline();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theFenceSettlesAfterAFailureIsToldOnTheLoop() throws Exception {
        List<String> seen = new ArrayList<>(); // loop only
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        loop.submit(() -> {
            posts.track(first, ROOM, loop, failure -> seen.add("told: " + failure.getMessage()));
            posts.track(second, ROOM, loop, failure -> seen.add("not told: it was stored"));
        }).sync();
        assertThat(loop.submit(posts::busy).get()).isTrue();

        second.complete(null);
        first.completeExceptionally(new IllegalStateException("not stored"));

        posts.settled().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(loop.submit(() -> List.copyOf(seen)).get()).containsExactly("told: not stored");
        assertThat(loop.submit(posts::busy).get()).isFalse();
    }

    @Test
    void aMessageSettledAfterItsLoopShutDownStillSettlesTheFence() {
        CompletableFuture<Void> post = new CompletableFuture<>();
        List<Throwable> told = new ArrayList<>();
        posts.track(post, ROOM, loop, told::add);
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();

        post.completeExceptionally(new IllegalStateException("not stored"));

        assertThat(posts.settled().toCompletableFuture()).isCompleted();
        assertThat(posts.busy()).isFalse();
        assertThat(told).as("nobody left to tell, and never off the loop").isEmpty();
    }

    @Test
    void aFullWindowOpensAgainWhenItsMessagesSettleOnAShutDownLoop() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        CompletionStage<?> waiting = null;
        while (waiting == null) {
            CompletableFuture<Void> post = new CompletableFuture<>();
            pending.add(post);
            waiting = posts.track(post, ROOM, loop, failure -> { });
        }
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();

        pending.forEach(post -> post.complete(null));

        assertThat(waiting.toCompletableFuture()).isCompleted();
    }
}
