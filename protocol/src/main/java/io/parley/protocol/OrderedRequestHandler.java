package io.parley.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;

/**
 * Handles a connection's requests one at a time, in arrival order, even when one has to wait for
 * the core or the store: while a request is in progress, the channel stops reading and later
 * requests wait their turn. A join is therefore complete before the chat pipelined behind it is
 * looked at, and the event loop never blocks.
 *
 * <p>Thread-safety: event-loop only, like every channel handler.
 *
 * @param <T> the decoded request type
 */
public abstract class OrderedRequestHandler<T> extends SimpleChannelInboundHandler<T> {

    private final Queue<T> waiting = new ArrayDeque<>();
    private final List<Runnable> whenIdle = new ArrayList<>();
    private boolean busy;

    protected OrderedRequestHandler(Class<? extends T> requestType) {
        super(requestType);
    }

    /**
     * Handles one request. Returns null when it is done, or a stage that completes when it is
     * (on any thread); the next request is handled after that, on the event loop.
     */
    protected abstract CompletionStage<?> handle(ChannelHandlerContext ctx, T request);

    /** Called on the event loop when a request's stage failed. */
    protected abstract void requestFailed(ChannelHandlerContext ctx, Throwable failure);

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, T request) {
        handleInTurn(ctx, request);
    }

    /**
     * Queues a request that did not come from the decoder (e.g. one standing for a decoding
     * failure) behind those that did, so that it is handled in its place. Event loop only.
     */
    protected final void handleInTurn(ChannelHandlerContext ctx, T request) {
        if (busy) {
            waiting.add(request);
        } else {
            run(ctx, request);
        }
    }

    /** Runs {@code action} on the event loop once no request is in progress or waiting. */
    protected final void whenIdle(Runnable action) {
        if (busy) {
            whenIdle.add(action);
        } else {
            action.run();
        }
    }

    private void run(ChannelHandlerContext ctx, T request) {
        CompletionStage<?> stage = handle(ctx, request);
        if (stage == null) {
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        stage.whenComplete((ignored, failure) -> ctx.executor().execute(() -> resume(ctx, failure)));
    }

    private void resume(ChannelHandlerContext ctx, Throwable failure) {
        busy = false;
        if (failure != null) {
            requestFailed(ctx, failure);
        }
        while (!busy && !waiting.isEmpty()) {
            run(ctx, waiting.poll());
        }
        if (busy) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        List<Runnable> actions = List.copyOf(whenIdle);
        whenIdle.clear();
        actions.forEach(Runnable::run);
    }
}
