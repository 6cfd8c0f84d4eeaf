package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IrcPushes}: the stage a command waits on completes after the push's flush, and completes
 * whatever the recipient's event loop does, so no command waits forever on a loop that is
 * shutting down.
 */
class IrcPushesTest {

    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theStageCompletesOnTheLoopAfterWhatThePushQueuedThere() throws Exception {
        List<String> done = new ArrayList<>(); // touched on the loop only, read after the stage
        CompletableFuture<Void> flushed = IrcPushes.writtenAndFlushed(loop, () -> {
            done.add("written");
            loop.execute(() -> done.add("flushed")); // as ChannelMember.push queues its flush
        });
        flushed.thenRun(() -> done.add("stage completed")).get(10, TimeUnit.SECONDS);
        assertThat(loop.submit(() -> List.copyOf(done)).get(10, TimeUnit.SECONDS))
                .containsExactly("written", "flushed", "stage completed");
    }

    @Test
    void aLoopThatNoLongerTakesTasksCompletesTheStageAtOnce() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);

        CompletableFuture<Void> flushed = IrcPushes.writtenAndFlushed(loop, () -> {
            throw new AssertionError("a refused task does not run");
        });

        assertThat(flushed).isCompleted();
    }

    @Test
    void aLoopThatShutsDownWhileThePushRunsStillCompletesTheStage() {
        // It runs the push, then refuses the task that would complete the stage after the flush.
        CompletableFuture<Void> flushed = IrcPushes.writtenAndFlushed(shutsDownAfterOneTask(), () -> { });
        assertThat(flushed).isCompleted();
    }

    @Test
    void aPushWhoseFlushIsRefusedCompletesTheStage() {
        Executor stopping = shutsDownAfterOneTask();
        CompletableFuture<Void> flushed = IrcPushes.writtenAndFlushed(stopping, () -> stopping.execute(() -> { }));
        assertThat(flushed).isCompleted();
    }

    @Test
    void aPushThatFailsCompletesTheStageWithItsFailure() {
        IllegalStateException failure = new IllegalStateException("broken");
        List<Throwable> loggedByTheLoop = new ArrayList<>();
        Executor loggingLoop = task -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                loggedByTheLoop.add(e); // what Netty's loop does with a task that throws
            }
        };

        CompletableFuture<Void> flushed = IrcPushes.writtenAndFlushed(loggingLoop, () -> {
            throw failure;
        });

        assertThat(flushed).isCompletedExceptionally();
        assertThatThrownBy(flushed::join).hasCause(failure);
        assertThat(loggedByTheLoop).containsExactly(failure);
    }

    /** Runs its first task on the calling thread and refuses every later one, as a loop shutting down meanwhile. */
    private static Executor shutsDownAfterOneTask() {
        return new Executor() {
            private int taken;

            @Override
            public void execute(Runnable task) {
                if (taken++ > 0) {
                    throw new RejectedExecutionException("event executor terminated");
                }
                task.run();
            }
        };
    }
}
