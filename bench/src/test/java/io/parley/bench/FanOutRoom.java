package io.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** One {@link FanOutServer} room on a free loopback port, for tests that need a line server but not Parley. */
final class FanOutRoom implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel listener;

    private FanOutRoom(EventLoopGroup loop, Channel listener) {
        this.loop = loop;
        this.listener = listener;
    }

    static FanOutRoom start() throws InterruptedException {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        return new FanOutRoom(loop, FanOutServer.bind(loop, NioServerSocketChannel.class, 0));
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
