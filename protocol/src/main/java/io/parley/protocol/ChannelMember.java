package io.parley.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.parley.core.Member;
import io.parley.core.RoomEvent;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection as the core sees it, whatever its protocol: room events are written to the
 * channel as they are, and the protocol's encoder renders them on the channel's event loop.
 *
 * <p>Slow readers: the channel's write-buffer high-water mark is the connection's outbound cap.
 * A member whose channel is still past it, after what was queued has been offered to the socket,
 * when an event arrives is disconnected, so the room never waits for it and its memory stays
 * bounded; its protocol handler then leaves its rooms as on any close.
 *
 * <p>Thread-safety: {@link #deliver} runs on the channel's event loop ({@link #executor()}).
 */
public final class ChannelMember implements Member {

    private static final Logger log = LoggerFactory.getLogger(ChannelMember.class);

    private final long id;
    private final Channel channel;
    private final Runnable flush;
    // Both event-loop only.
    private boolean dropped;
    private boolean flushQueued;

    public ChannelMember(long id, Channel channel) {
        this.id = id;
        this.channel = channel;
        this.flush = () -> {
            flushQueued = false;
            channel.flush();
        };
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    /**
     * Writes the event (the protocol's encoder renders it) and flushes once per burst: the flush
     * runs after the tasks already queued on the event loop, so the events of one burst leave in
     * one write() instead of one each. Event-loop only.
     */
    @Override
    public void deliver(RoomEvent event) {
        if (dropped) {
            return;
        }
        // The outbound buffer is null once the channel is closing: nothing to judge then.
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && !pending.isWritable()) {
            // Much of it may be our own unflushed backlog: offer it to the socket first, and
            // drop the member only if the socket will not take it (the reader is behind).
            channel.flush();
            if (!pending.isWritable()) {
                drop();
                return;
            }
        }
        channel.write(event, channel.voidPromise());
        if (!flushQueued) {
            flushQueued = true;
            channel.eventLoop().execute(flush);
        }
    }

    private void drop() {
        dropped = true;
        log.info("Disconnecting {}: its reader fell more than {} bytes behind", channel.remoteAddress(),
                channel.config().getWriteBufferHighWaterMark());
        channel.close();
    }

    @Override
    public String toString() {
        return "Member[" + id + " " + channel.remoteAddress() + "]";
    }
}
