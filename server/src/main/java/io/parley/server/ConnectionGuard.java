package io.parley.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.ServerNotice;
import io.parley.protocol.SignedOn;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection: refuses it when its address is over the
 * {@link AddressLimits}, and closes it when it has not signed on (see {@link SignedOn}) by
 * the deadline. The deadline runs from the connection's start and partial input does not reset
 * it, so a slowloris client that trickles bytes is dropped like a silent one. Both are told why
 * with a {@link ServerNotice}, written from the channel's end of the pipeline so that the
 * protocol's encoder renders it in the protocol's error form (the guard knows neither the
 * protocol nor its bytes). The handlers after it see neither the opening nor the closing of a
 * refused connection. One per connection; event-loop only.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final AddressLimits limits;
    private final long registrationTimeoutMs;
    private final ProtocolMeters meters;
    private ScheduledFuture<?> deadline;
    private boolean refused;

    ConnectionGuard(AddressLimits limits, long registrationTimeoutMs, ProtocolMeters meters) {
        this.limits = limits;
        this.meters = meters;
        this.registrationTimeoutMs = registrationTimeoutMs;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (!limits.tryOpen(address)) {
            refused = true;
            meters.refusedTooManyFromAddress();
            log.debug("Refusing {}: too many connections from it", ctx.channel().remoteAddress());
            refuse(ctx, ServerNotice.TOO_MANY_CONNECTIONS);
            return;
        }
        // Captures neither this guard nor ctx: both are gone once the connection signs on.
        AddressLimits addressLimits = limits;
        ctx.channel().closeFuture().addListener(closed -> addressLimits.closed(address));
        deadline = ctx.executor().schedule(() -> {
            // debug: every client can trigger it, as often as it connects
            log.debug("Closing {}: it did not sign on within {} ms", ctx.channel().remoteAddress(),
                    registrationTimeoutMs);
            meters.refusedBeforeSignOn();
            refuse(ctx, ServerNotice.REGISTRATION_TIMEOUT);
        }, registrationTimeoutMs, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == SignedOn.EVENT) {
            cancelDeadline();
            ctx.pipeline().remove(this);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (refused) {
            return; // the handlers after this one never saw it open
        }
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** From the channel, not {@code ctx}: the protocol's encoders are after this handler. */
    private static void refuse(ChannelHandlerContext ctx, ServerNotice notice) {
        ctx.channel().writeAndFlush(notice).addListener(ChannelFutureListener.CLOSE);
    }
}
