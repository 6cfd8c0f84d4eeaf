package io.parley.protocol.directory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.protocol.Addresses;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * Prints a line when a directory connection opens and when it closes, naming the peer's
 * {@code ip:port} (spec: the CRDS reports its connections; the handout's demonstration shows
 * them). Stateless and shareable.
 */
@ChannelHandler.Sharable
final class ConnectionPrinter extends ChannelInboundHandlerAdapter {

    private final Consumer<String> console;

    ConnectionPrinter(Consumer<String> console) {
        this.console = console;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        console.accept("Connection from " + peer(ctx) + " opened");
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        console.accept("Connection from " + peer(ctx) + " closed");
        super.channelInactive(ctx);
    }

    /** The peer; the channel keeps its remote address once asked (when it opened), even closed. */
    private static String peer(ChannelHandlerContext ctx) {
        SocketAddress peer = ctx.channel().remoteAddress();
        return peer instanceof InetSocketAddress inet ? Addresses.withPort(inet) : String.valueOf(peer);
    }
}
