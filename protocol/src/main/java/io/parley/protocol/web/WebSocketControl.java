package io.parley.protocol.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.Addresses;
import io.parley.protocol.ClientAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket's control frames: answers a ping with a pong and a close with a close, and pings
 * the client every interval; a ping still unanswered at the next closes the connection (a peer
 * that vanished, or a tab that stopped running). Messages pass on. One per connection;
 * event-loop only.
 */
final class WebSocketControl extends ChannelInboundHandlerAdapter {

    static final String NAME = "web-socket-control";
    private static final Logger log = LoggerFactory.getLogger(WebSocketControl.class);

    private final int intervalSeconds;
    private ScheduledFuture<?> pinger;
    private boolean awaitingPong;

    WebSocketControl(int intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pinger = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pinger.cancel(false);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            pinger.cancel(false);
            return;
        }
        if (awaitingPong) {
            log.debug("Closing {}: no pong within {} s", Addresses.withPort(ClientAddress.of(ctx.channel())), intervalSeconds);
            pinger.cancel(false);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "no pong"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        awaitingPong = true;
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'p'})));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PongWebSocketFrame) {
            awaitingPong = false;
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content())); // the same payload, as RFC 6455 asks
        } else if (msg instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            close.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pinger.cancel(false);
        ctx.fireChannelInactive();
    }
}
