package io.parley.protocol.irc;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * How a command continues after a look-up that may complete on another thread (in a cluster, the
 * presence directory's): on its connection's event loop, at once if it is already there. A
 * single node's look-ups are complete when they are returned, so its commands still finish
 * within the call, with no task queued ({@link #pending} is then null, as for any command done
 * at once); a cluster's finish later, and the connection's next command waits for them
 * ({@link io.parley.protocol.OrderedRequestHandler}), so replies keep the commands' order.
 */
final class IrcOnLoop {

    private IrcOnLoop() {}

    /** Runs a task on {@code ctx}'s event loop: now if called there, else queued to it. */
    static Executor of(ChannelHandlerContext ctx) {
        return task -> {
            if (ctx.executor().inEventLoop()) {
                task.run();
            } else {
                ctx.executor().execute(task);
            }
        };
    }

    /** Null if {@code stage} is done (its command finished within the call), else {@code stage}. */
    static CompletionStage<?> pending(CompletionStage<?> stage) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        return future.isDone() && !future.isCompletedExceptionally() ? null : stage;
    }
}
