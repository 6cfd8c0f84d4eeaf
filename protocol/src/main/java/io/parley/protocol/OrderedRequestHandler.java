package io.parley.protocol;

import io.netty.channel.ChannelFuture;
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
 * the core or the store, and no faster than its {@link RequestLimits}: while a request waits
 * behind one in progress or the connection is over its rate, the channel stops reading and
 * requests already decoded wait their turn. A join is therefore complete before the chat pipelined
 * behind it is looked at, a flood is slowed by TCP itself, and the event loop never blocks or
 * sleeps. (A request in progress alone does not stop reads: a client that waits for its reply
 * sends nothing meanwhile, and turning reads off and on again costs two {@code epoll_ctl} calls
 * per request.) When the
 * connection closes, what it sent within its rate is still handled, in order (a client may send
 * its last lines and hang up at once); what would have to wait for the rate is dropped.
 *
 * <p>Output cap: while the connection's output is past its cap (the channel is not writable), no
 * request is handled and nothing is read, until the client has read enough of it (the channel is
 * writable again). So a client that sends requests and never reads the replies holds at most its
 * cap plus one request's replies; the {@code UnwritableDeadline} then disconnects it. Every reason
 * to stop reading (a request waiting, the rate, the output, the server stopping) is weighed in
 * one place, {@link #updateReads}, so none turns reads back on while another still holds.
 *
 * <p>A request may cost more than one token of the rate ({@link #cost}), e.g. a multi-line
 * message that reaches its readers as many lines.
 *
 * <p>When the server stops ({@link Goodbye}), its notice is written after the replies to the
 * request in progress and in place of those still waiting, and nothing more is read.
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
    private ConnectionMetrics metrics = ConnectionMetrics.NONE;
    private TokenBucket bucket;
    private ScheduledFuture<?> throttled;
    /** Actions waiting for the output to fall back under its cap ({@link #whenWritable}). */
    private final List<Runnable> whenWritable = new ArrayList<>();
    private boolean busy;
    private boolean closed;
    /** The server is stopping: handle and read nothing more. */
    private boolean stopping;
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

    /**
     * How many tokens of the connection's rate {@code request} costs: 1 unless a subclass says
     * otherwise (a request that fans out as many lines costs one per line).
     */
    protected int cost(T request) {
        return 1;
    }

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
        metrics = ConnectionMetrics.of(ctx.channel());
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
                metrics.floodDisconnected();
                flooded(ctx);
            }
            return;
        }
        waiting.add(request);
        drain(ctx);
    }

    /**
     * Runs {@code action} on the event loop once the connection's output is under its cap, or it
     * has closed (the action checks which): how a long reply is written a part at a time while its
     * request is in progress, never holding more than the cap.
     */
    protected final void whenWritable(ChannelHandlerContext ctx, Runnable action) {
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            action.run();
        } else {
            whenWritable.add(action);
        }
    }

    /**
     * Writes and flushes a reply to this connection's own request. It is written whatever the
     * output holds: no request is handled while the output is past its cap, so at most one
     * request's replies pass it. A failure to allocate it is logged ({@link AllocationFailures}).
     */
    protected static ChannelFuture reply(ChannelHandlerContext ctx, Object reply) {
        return ctx.writeAndFlush(reply).addListener(AllocationFailures.ON_WRITE_FAILURE);
    }

    /** This connection's metrics, for a subclass to count what only it knows of (e.g. messages). */
    protected final ConnectionMetrics metrics() {
        return metrics;
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
        runWhenWritable();
        drain(ctx);
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            runWhenWritable();
            drain(ctx);
        } else {
            updateReads(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof Goodbye goodbye) {
            sayGoodbye(ctx, goodbye);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** The server is stopping: the notice goes out once the request in progress is answered. */
    private void sayGoodbye(ChannelHandlerContext ctx, Goodbye goodbye) {
        stopping = true;
        if (throttled != null) {
            throttled.cancel(false);
            throttled = null;
        }
        waiting.clear();
        updateReads(ctx);
        whenIdle(() -> goodbye.write(ctx));
    }

    private void runWhenWritable() {
        if (!whenWritable.isEmpty()) {
            List<Runnable> actions = List.copyOf(whenWritable);
            whenWritable.clear();
            actions.forEach(Runnable::run);
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        while (!busy && throttled == null && !waiting.isEmpty() && !stopping) {
            if (!closed && !ctx.channel().isWritable()) {
                break; // resumed by channelWritabilityChanged once the client has read enough
            }
            long now = System.nanoTime();
            int cost = cost(waiting.peek());
            if (!bucket.tryTake(now, cost)) {
                if (closed) {
                    waiting.clear();
                    break;
                }
                throttle(ctx, bucket.nanosUntil(now, cost));
                return;
            }
            run(ctx, waiting.poll());
        }
        updateReads(ctx);
        if (busy || throttled != null || !waiting.isEmpty()) {
            return;
        }
        if (!whenIdle.isEmpty()) {
            List<Runnable> actions = List.copyOf(whenIdle);
            whenIdle.clear();
            actions.forEach(Runnable::run);
        }
    }

    private void throttle(ChannelHandlerContext ctx, long nanos) {
        metrics.throttled();
        throttled = ctx.executor().schedule(() -> {
            throttled = null;
            drain(ctx);
        }, nanos, TimeUnit.NANOSECONDS);
        updateReads(ctx);
    }

    /**
     * Reads only while nothing holds them: no request waiting (for its turn, the rate or the
     * output), the output under its cap, the server not stopping. A request in progress does not
     * hold them by itself: what is read meanwhile waits behind it, and reads stop with the first
     * request that does (at most one read's worth, as when a read brings several at once).
     */
    private void updateReads(ChannelHandlerContext ctx) {
        boolean hold = throttled != null || !waiting.isEmpty() || stopping
                || (!closed && !ctx.channel().isWritable());
        if (hold != paused) {
            paused = hold;
            ctx.channel().config().setAutoRead(!hold);
        }
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
