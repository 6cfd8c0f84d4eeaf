package io.parley.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.Addresses;
import io.parley.protocol.ClientAddress;
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
 * refused connection. A connection whose protocol learns its client's address later (through a
 * trusted proxy: {@link ClientAddress}) is counted under that address once it is known. One per
 * connection; event-loop only.
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
        if (ClientAddress.expected(ctx.channel())) {
            // Through a trusted proxy: counted under the client's address once the protocol knows it.
            startDeadline(ctx);
            ctx.fireChannelActive();
            return;
        }
        if (!count(ctx, (InetSocketAddress) ctx.channel().remoteAddress())) {
            refused = true;
            return;
        }
        startDeadline(ctx);
        ctx.fireChannelActive();
    }

    /** Counts the connection under {@code client}'s address, or refuses it when that is over a cap. */
    private boolean count(ChannelHandlerContext ctx, InetSocketAddress client) {
        InetAddress address = client.getAddress();
        if (!limits.tryOpen(address)) {
            meters.refusedTooManyFromAddress();
            log.debug("Refusing {}: too many connections from it", Addresses.withPort(client));
            refuse(ctx, ServerNotice.TOO_MANY_CONNECTIONS);
            return false;
        }
        // Captures neither this guard nor ctx: both are gone once the connection signs on.
        AddressLimits addressLimits = limits;
        ctx.channel().closeFuture().addListener(closed -> addressLimits.closed(address));
        return true;
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            // debug: every client can trigger it, as often as it connects
            log.debug("Closing {}: it did not sign on within {} ms", Addresses.withPort(ClientAddress.of(ctx.channel())),
                    registrationTimeoutMs);
            meters.refusedBeforeSignOn();
            refuse(ctx, ServerNotice.REGISTRATION_TIMEOUT);
        }, registrationTimeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ClientAddress forwarded) {
            // The handlers after this one saw the connection open: a refusal closes it for them too.
            count(ctx, forwarded.address());
            return;
        }
        if (event == SignedOn.EVENT) {
            if (ClientAddress.expected(ctx.channel())) {
                ClientAddress.known(ctx.channel(), (InetSocketAddress) ctx.channel().remoteAddress());
            }
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
