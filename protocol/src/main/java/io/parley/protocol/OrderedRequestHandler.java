package io.parley.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Handles a connection's requests one at a time, in arrival order, even when one has to wait for
 * the core or the store, and no faster than its {@link RequestLimits}: while a request is in
 * progress or the connection is over its rate, the channel stops reading and requests already
 * decoded wait their turn. A join is therefore complete before the chat pipelined behind it is
 * looked at, a flood is slowed by TCP itself, and the event loop never blocks or sleeps. When the
 * connection closes, what it sent within its rate is still handled, in order (a client may send
 * its last lines and hang up at once); what would have to wait for the rate is dropped.
 *
 * <p>Thread-safety: event-loop only, like every channel handler.
 *
 * @param <T> the decoded request type
 */
public abstract class OrderedRequestHandler<T> extends SimpleChannelInboundHandler<T> {

    /** Usually empty (requests wait only behind a slow one): starts small, every connection has one. */
    private final Queue<T> waiting = new ArrayDeque<>(2);
    private final List<Runnable> whenIdle = new ArrayList<>();
    private RequestLimits limits = RequestLimits.DEFAULT;
    private TokenBucket bucket;
    private ScheduledFuture<?> throttled;
    private boolean busy;
    private boolean closed;
    /** Whether this handler turned reads off; they are turned back on only then. */
    private boolean paused;

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

    /**
     * Called once when requests pile up past the limit although reads are paused: tell the client
     * in the protocol's own error form, then close.
     */
    protected abstract void flooded(ChannelHandlerContext ctx);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        limits = RequestLimits.of(ctx.channel());
        bucket = new TokenBucket(limits.perSecond(), limits.burst(), System.nanoTime());
    }

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, T request) {
        handleInTurn(ctx, request);
    }

    /**
     * Queues a request that did not come from the decoder (e.g. one standing for a decoding
     * failure) behind those that did, so that it is handled in its place. Event loop only.
     */
    protected final void handleInTurn(ChannelHandlerContext ctx, T request) {
        if (waiting.size() >= limits.maxWaiting()) {
            if (ctx.channel().isActive()) {
                waiting.clear();
                flooded(ctx);
            }
            return;
        }
        waiting.add(request);
        drain(ctx);
    }

    /** Runs {@code action} on the event loop once no request is in progress or waiting. */
    protected final void whenIdle(Runnable action) {
        if (busy || throttled != null || !waiting.isEmpty()) {
            whenIdle.add(action);
        } else {
            action.run();
        }
    }

    /**
     * A closed connection waits for no token: handling its backlog at the request rate would keep
     * it in its rooms, and posting, for up to {@code maxWaiting / perSecond} seconds. What it sent
     * within its rate goes on in order; the rest is dropped, and a subclass's {@link #whenIdle}
     * actions (leaving rooms) run as soon as the request in progress, if any, is done.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (throttled != null) {
            throttled.cancel(false);
            throttled = null;
            waiting.clear();
        }
        drain(ctx);
        super.channelInactive(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        while (!busy && throttled == null && !waiting.isEmpty()) {
            long now = System.nanoTime();
            if (!bucket.tryTake(now)) {
                if (closed) {
                    waiting.clear();
                    break;
                }
                throttle(ctx, bucket.nanosUntilToken(now));
                return;
            }
            run(ctx, waiting.poll());
        }
        if (busy || throttled != null) {
            return;
        }
        if (paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
        if (!whenIdle.isEmpty()) {
            List<Runnable> actions = List.copyOf(whenIdle);
            whenIdle.clear();
            actions.forEach(Runnable::run);
        }
    }

    private void throttle(ChannelHandlerContext ctx, long nanos) {
        pauseReads(ctx);
        throttled = ctx.executor().schedule(() -> {
            throttled = null;
            drain(ctx);
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void pauseReads(ChannelHandlerContext ctx) {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    private void run(ChannelHandlerContext ctx, T request) {
        CompletionStage<?> stage;
        try {
            stage = handle(ctx, request);
        } catch (RuntimeException e) {
            // e.g. a full crypto pool refusing work: the request fails, the connection lives.
            requestFailed(ctx, e);
            return;
        }
        if (stage == null) {
            return;
        }
        busy = true;
        pauseReads(ctx);
        stage.whenComplete((ignored, failure) -> ctx.executor().execute(() -> resume(ctx, failure)));
    }

    private void resume(ChannelHandlerContext ctx, Throwable failure) {
        busy = false;
        if (failure != null) {
            requestFailed(ctx, failure);
        }
        drain(ctx);
    }
}
