package io.parley.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.parley.protocol.ServerNotice;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has sent nothing for the timeout, telling it why first
 * ({@link ServerNotice#IDLE_TIMEOUT}, which the protocol's encoder renders in its own form). For
 * request/response protocols (the directory), whose clients have no reason to hold a connection
 * they do not use; chat protocols do not get one, since a member who only reads is a legitimate
 * client. One per connection; event-loop only.
 */
final class IdleTimeout extends IdleStateHandler {

    private static final Logger log = LoggerFactory.getLogger(IdleTimeout.class);

    private final long timeoutSeconds;

    IdleTimeout(long timeoutSeconds) {
        super(timeoutSeconds, 0, 0, TimeUnit.SECONDS);
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        log.debug("Closing {}: nothing from it for {} s", ctx.channel().remoteAddress(), timeoutSeconds);
        // From the channel, not ctx: the protocol's encoders are after this handler.
        ctx.channel().writeAndFlush(ServerNotice.IDLE_TIMEOUT).addListener(ChannelFutureListener.CLOSE);
    }
}
