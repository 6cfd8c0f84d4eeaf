package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import io.parley.core.room.Member;
import io.parley.core.room.RoomEvent;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection as the core sees it, whatever its protocol, and the one way to send it what it did
 * not ask for: room events ({@link #deliver}) and what other connections send it, such as private
 * messages ({@link #push}). They are written to the channel as they are, and the protocol's
 * encoder renders them on the channel's event loop; except that a room event whose bytes the loop
 * encoded once for all its members ({@link SharedEventBytes}) is copied to the connection's
 * {@link PendingOutput}, which the burst's flush writes as one buffer. (Replies to the
 * connection's own requests are written by its {@link OrderedRequestHandler}, which handles no
 * request while the output is past the cap.)
 *
 * <p>Slow readers: the channel's write-buffer high-water mark is the connection's outbound cap,
 * and it counts what the pending output holds. A member whose channel is still past it, after
 * what was queued has been offered to the socket, when something arrives for it is disconnected,
 * so no sender ever waits for it and its memory stays bounded; its protocol handler then leaves
 * its rooms as on any close.
 *
 * <p>Thread-safety: {@link #deliver} runs on the channel's event loop ({@link #executor()});
 * {@link #push} may be called from any thread.
 */
public final class ChannelMember implements Member {

    private static final Logger log = LoggerFactory.getLogger(ChannelMember.class);

    private final String node;
    private final long id;
    private final Channel channel;
    private final Runnable flush;
    private final ConnectionMetrics metrics;
    // All event-loop only.
    private boolean dropped;
    private boolean flushQueued;
    private PendingOutput pendingOutput;
    private SharedEventBytes sharedBytes;

    /** A member of a single-process server ({@link Member#LOCAL_NODE}). */
    public ChannelMember(long id, Channel channel) {
        this(Member.LOCAL_NODE, id, channel);
    }

    /** A member on node {@code node}: the {@code ChatService#node()} it joins rooms through. */
    public ChannelMember(String node, long id, Channel channel) {
        this.node = node;
        this.id = id;
        this.channel = channel;
        this.metrics = ConnectionMetrics.of(channel);
        this.flush = () -> {
            flushQueued = false;
            PendingOutput output = pendingOutput;
            if (output != null && output.inPipeline()) {
                output.flushFromHere(); // nothing above it handles a flush: skip their walk
            } else {
                channel.flush();
            }
        };
    }

    /**
     * From now on, room events that {@code bytes} renders as shared bytes are copied to
     * {@code output} (the protocol's first handler) instead of written through the pipeline, as
     * long as {@code output} is in the pipeline. Called by the protocol's initializer.
     */
    public void bufferSharedEvents(PendingOutput output, SharedEventBytes bytes) {
        this.pendingOutput = output;
        this.sharedBytes = bytes;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    /**
     * Writes the event (the protocol's encoder renders it), or copies its shared bytes to the
     * pending output, and flushes once per burst: the flush runs after the tasks already queued on
     * the event loop, so the events of one burst leave in one write() instead of one each.
     * Event-loop only.
     */
    @Override
    public void deliver(RoomEvent event) {
        if (send(event) && event instanceof RoomEvent.Posted) {
            metrics.messageDelivered();
        }
    }

    private boolean send(RoomEvent event) {
        if (pendingOutput != null && pendingOutput.inPipeline()) {
            ByteBuf bytes = sharedBytes.of(event, channel.alloc());
            if (bytes != null) {
                return append(bytes);
            }
        }
        return push(event);
    }

    /** {@link #push} for borrowed bytes: copied to the pending output, on the same terms. */
    private boolean append(ByteBuf bytes) {
        if (dropped) {
            return false;
        }
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        if (queued == null) {
            return false; // closing
        }
        if (!queued.isWritable() || queued.totalPendingWriteBytes() + pendingOutput.size() + bytes.readableBytes()
                > channel.config().getWriteBufferHighWaterMark()) {
            // As in push: the pending output joins the outbound buffer and is offered to the socket.
            channel.flush();
            if (!queued.isWritable()) {
                drop();
                return false;
            }
        }
        pendingOutput.append(bytes);
        flushAtEndOfBurst();
        return true;
    }

    /**
     * Sends a private message, as {@link #push} does, and counts it as a message delivered. Any
     * thread.
     */
    public void pushMessage(Object message) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> pushMessage(message));
            return;
        }
        if (push(message)) {
            metrics.messageDelivered();
        }
    }

    /**
     * Sends the connection something it did not ask for (the protocol's encoders render it), as
     * {@link #deliver} does a room event, and on the same terms: a connection past its cap is
     * disconnected instead. Any thread; the write happens on the channel's event loop, in the
     * order of the calls made from one thread. On the event loop, returns whether it was written
     * (off it, false: it is written later).
     */
    public boolean push(Object message) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> push(message));
            return false;
        }
        if (dropped) {
            ReferenceCountUtil.release(message);
            return false;
        }
        // The outbound buffer is null once the channel is closing: nothing is written then (a
        // write would only fail, making an exception per write, as the members of a room that a
        // load generator's connections left all at once showed).
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending == null) {
            ReferenceCountUtil.release(message);
            return false;
        }
        if (!pending.isWritable()) {
            // Much of it may be our own unflushed backlog: offer it to the socket first, and
            // drop the member only if the socket will not take it (the reader is behind).
            channel.flush();
            if (!pending.isWritable()) {
                ReferenceCountUtil.release(message);
                drop();
                return false;
            }
        }
        channel.write(message, channel.voidPromise());
        flushAtEndOfBurst();
        return true;
    }

    private void flushAtEndOfBurst() {
        if (!flushQueued) {
            LoopFlushes.schedule(channel.eventLoop(), flush);
            flushQueued = true;
        }
    }

    /**
     * Writes {@code notice} (a {@link RoomRemoval}, which the protocol's {@link NoticeEncoder}
     * renders) and closes the connection once it is out. Any thread.
     */
    public void closeWith(Object notice) {
        channel.eventLoop().execute(() -> channel.writeAndFlush(notice)
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE));
    }

    private void drop() {
        dropped = true;
        metrics.slowReaderDisconnected();
        log.info("Disconnecting {}: its reader fell more than {} bytes behind", channel.remoteAddress(),
                channel.config().getWriteBufferHighWaterMark());
        channel.close();
    }

    @Override
    public String toString() {
        return "Member[" + id + " " + channel.remoteAddress() + "]";
    }
}
