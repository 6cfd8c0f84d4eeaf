package io.parley.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/** The socket transport, chosen in one place: native epoll when it loads, NIO otherwise. */
enum Transport {
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class),
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class);

    private final Supplier<IoHandlerFactory> ioHandlers;
    private final Class<? extends ServerChannel> serverChannel;

    Transport(Supplier<IoHandlerFactory> ioHandlers, Class<? extends ServerChannel> serverChannel) {
        this.ioHandlers = ioHandlers;
        this.serverChannel = serverChannel;
    }

    static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory ioHandlerFactory() {
        return ioHandlers.get();
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }
}
