package io.parley.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * The client's socket transport, chosen in one place as the server's {@code Transport} does:
 * native epoll when it loads (the packaged jar carries it), NIO otherwise.
 */
enum ClientTransport {
    EPOLL(EpollIoHandler::newFactory, EpollSocketChannel.class),
    NIO(NioIoHandler::newFactory, NioSocketChannel.class);

    private final Supplier<IoHandlerFactory> ioHandlers;
    private final Class<? extends SocketChannel> channel;

    ClientTransport(Supplier<IoHandlerFactory> ioHandlers, Class<? extends SocketChannel> channel) {
        this.ioHandlers = ioHandlers;
        this.channel = channel;
    }

    static ClientTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory ioHandlerFactory() {
        return ioHandlers.get();
    }

    Class<? extends SocketChannel> channel() {
        return channel;
    }
}
