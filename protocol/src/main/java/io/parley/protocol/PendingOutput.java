package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * A connection's room events of the current burst as one buffer, written through the rest of
 * the pipeline (the traffic meter, TLS) when the burst is flushed: a member of a room whose events
 * are plain bytes appends the bytes its loop encoded once ({@link SharedEventBytes}) here instead
 * of writing a duplicate of them through the pipeline, which costs the pipeline walk, an outbound
 * buffer entry and a duplicate per delivery and a buffer per delivery in the socket's write.
 *
 * <p>Order: it is the protocol's first handler, nearest the socket, so every write and flush of
 * the protocol (replies to the connection's own requests, events rendered per recipient) passes
 * it, and it writes what it holds before passing them on: bytes leave in the order the server
 * produced them. The slow-reader cap counts what it holds ({@link ChannelMember}). A transport
 * that frames what the protocol writes (WebSocket) removes it, and its members write through the
 * pipeline. What it holds when the connection closes is released.
 *
 * <p>One per connection; event-loop only.
 */
public final class PendingOutput extends ChannelOutboundHandlerAdapter {

    public static final String NAME = "pending-output";

    /** A connection's first burst's buffer: a few events; it grows (in the allocator's size classes) as needed. */
    private static final int INITIAL_BYTES = 512;
    /** The most a burst's buffer is made for at first: a large burst once does not make every next one large. */
    private static final int MAX_PREDICTED_BYTES = 64 * 1024;

    private ChannelHandlerContext ctx;
    private ByteBuf pending;
    /**
     * How many bytes the connection's last burst held: the next burst's buffer is made that large,
     * since a busy room's bursts are alike. Growing a buffer from 512 bytes copies what it holds at
     * each step, which was 4.6 % of the server's CPU in W3 (async-profiler: reallocate).
     */
    private int lastBurstBytes = INITIAL_BYTES;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        this.ctx = null;
        discard();
    }

    /** Whether it takes bytes: in its connection's pipeline and not removed. */
    boolean inPipeline() {
        return ctx != null;
    }

    /** How many bytes it holds, not yet written to the connection's outbound buffer. */
    int size() {
        return pending == null ? 0 : pending.readableBytes();
    }

    /** Copies {@code bytes}' readable bytes to the end of the burst; {@code bytes} is only read. Only when {@link #inPipeline}. */
    void append(ByteBuf bytes) {
        int length = bytes.readableBytes();
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(Math.max(lastBurstBytes, length));
        }
        pending.writeBytes(bytes, bytes.readerIndex(), length);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writePending(ctx);
        ctx.write(msg, promise);
    }

    /**
     * The connection's flush, started here rather than at the pipeline's tail: no handler above
     * this one handles flushes, and the walk down to it was 2-3 % of the server's CPU in a busy
     * room (async-profiler). Only when {@link #inPipeline}; event-loop only.
     */
    void flushFromHere() {
        flush(ctx);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        discard(); // a close drops what was not flushed, as the outbound buffer does
        ctx.close(promise);
    }

    private void writePending(ChannelHandlerContext ctx) {
        if (pending == null) {
            return;
        }
        ByteBuf burst = pending;
        pending = null;
        // A quarter more: a burst a little larger than the last still fits.
        lastBurstBytes = Math.min(Math.max(INITIAL_BYTES, burst.readableBytes() * 5 / 4), MAX_PREDICTED_BYTES);
        if (ctx.channel().unsafe().outboundBuffer() == null) {
            burst.release(); // closing: the write would only fail
            return;
        }
        ctx.write(burst, ctx.voidPromise());
    }

    private void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
