package io.parley.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.ConnectionMetrics;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose output has stayed past its cap (the channel unwritable) for longer
 * than the deadline. The cap itself is enforced when something arrives for the connection (a room
 * event, a private message: it is disconnected) and by its request handler (which reads and
 * handles nothing while past the cap); this catches the reader that fell behind just as its room
 * went quiet, or that asks and never reads, which would otherwise hold its buffered output for
 * ever. One per connection; event-loop only.
 */
final class UnwritableDeadline extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UnwritableDeadline.class);

    private final long timeoutMs;
    private ScheduledFuture<?> deadline;

    UnwritableDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            cancel();
        } else if (deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                log.info("Disconnecting {}: its output stayed past the cap for {} ms", ctx.channel().remoteAddress(),
                        timeoutMs);
                ConnectionMetrics.of(ctx.channel()).slowReaderDisconnected();
                ctx.close();
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
