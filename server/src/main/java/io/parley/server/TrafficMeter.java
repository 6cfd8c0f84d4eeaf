package io.parley.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The first handler of every connection, nearest the socket: counts it accepted and open, and
 * the bytes read from it and written to it, for its protocol's {@link ProtocolMeters}. It sees
 * every connection, refused ones included, and its bytes encoded: received as they are read,
 * sent as they are written to the connection's output, before the socket takes them (so output
 * dropped when a slow reader is cut off is counted too).
 *
 * <p>Shared by every connection of a listener; thread-safe (it keeps no state of its own).
 */
@ChannelHandler.Sharable
final class TrafficMeter extends ChannelDuplexHandler {

    private final ProtocolMeters meters;

    TrafficMeter(ProtocolMeters meters) {
        this.meters = meters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        meters.opened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        meters.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        meters.received(sizeOf(message));
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        meters.sent(sizeOf(message));
        ctx.write(message, promise);
    }

    private static int sizeOf(Object message) {
        if (message instanceof ByteBuf buffer) {
            return buffer.readableBytes();
        }
        return message instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
