package io.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import jdk.net.ExtendedSocketOptions;
import java.util.List;
import java.util.function.Supplier;

/**
 * The socket transport, chosen in one place ({@code transport} in parley.conf): by default native
 * epoll when it loads, NIO otherwise; io_uring when asked for. io_uring hands a loop pass's
 * socket writes to the kernel together instead of one {@code send()} each: in a busy room that
 * halved Parley's p99 on this project's machine, at about the same CPU (docs/performance.md).
 * It is not the default: it holds more memory per idle connection, and some kernels and
 * container runtimes refuse it.
 */
enum Transport {
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class) {
        /**
         * Set on the listening socket: Linux gives an accepted socket the listener's keepalive
         * settings, so the connections need no system call of their own for them (four per
         * connection when they were child options).
         */
        @Override
        void keepAlive(ServerBootstrap bootstrap, int idleSeconds) {
            bootstrap.option(LISTENER_SO_KEEPALIVE, 1)
                    .option(LISTENER_TCP_KEEPIDLE, idleSeconds)
                    .option(LISTENER_TCP_KEEPINTVL, KEEPALIVE_INTERVAL_SECONDS)
                    .option(LISTENER_TCP_KEEPCNT, KEEPALIVE_PROBES);
        }

        @Override
        void keepAliveIdle(Channel channel, int idleSeconds) {
            channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, idleSeconds);
        }
    },
    IO_URING(IoUringIoHandler::newFactory, IoUringServerSocketChannel.class) {
        @Override
        void keepAlive(ServerBootstrap bootstrap, int idleSeconds) {
            EPOLL.keepAlive(bootstrap, idleSeconds); // the same setsockopt options, passed through
        }

        @Override
        void keepAliveIdle(Channel channel, int idleSeconds) {
            channel.config().setOption(IoUringChannelOption.TCP_KEEPIDLE, idleSeconds);
        }
    },
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class) {
        @Override
        void keepAlive(ServerBootstrap bootstrap, int idleSeconds) {
            bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idleSeconds)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), KEEPALIVE_INTERVAL_SECONDS)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), KEEPALIVE_PROBES);
        }

        @Override
        void keepAliveIdle(Channel channel, int idleSeconds) {
            channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idleSeconds);
        }
    };

    /** Seconds between keepalive probes once they start, and how many go unanswered before a close. */
    static final int KEEPALIVE_INTERVAL_SECONDS = 60;
    static final int KEEPALIVE_PROBES = 4;

    // Netty's epoll listener takes no keepalive options by name; these are setsockopt's own
    // (linux/socket.h, netinet/tcp.h), which it passes through.
    private static final int SOL_SOCKET = 1;
    private static final int IPPROTO_TCP = 6;
    private static final ChannelOption<Integer> LISTENER_SO_KEEPALIVE = new IntegerUnixChannelOption("SO_KEEPALIVE", SOL_SOCKET, 9);
    private static final ChannelOption<Integer> LISTENER_TCP_KEEPIDLE = new IntegerUnixChannelOption("TCP_KEEPIDLE", IPPROTO_TCP, 4);
    private static final ChannelOption<Integer> LISTENER_TCP_KEEPINTVL = new IntegerUnixChannelOption("TCP_KEEPINTVL", IPPROTO_TCP, 5);
    private static final ChannelOption<Integer> LISTENER_TCP_KEEPCNT = new IntegerUnixChannelOption("TCP_KEEPCNT", IPPROTO_TCP, 6);

    private final Supplier<IoHandlerFactory> ioHandlers;
    private final Class<? extends ServerChannel> serverChannel;

    Transport(Supplier<IoHandlerFactory> ioHandlers, Class<? extends ServerChannel> serverChannel) {
        this.ioHandlers = ioHandlers;
        this.serverChannel = serverChannel;
    }

    /** The {@code transport} key's default: epoll where it loads, else NIO. */
    static final String AUTO = "auto";
    /** The {@code transport} key's values. */
    static final List<String> NAMES = List.of(AUTO, "epoll", "io_uring", "nio");

    static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport {@code name} (one of {@link #NAMES}) says, or why this machine cannot give it. */
    static Transport chosen(String name) throws StartupException {
        switch (name) {
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw unavailable(name, Epoll.unavailabilityCause());
                }
                return EPOLL;
            case "io_uring":
                if (!IoUring.isAvailable()) {
                    throw unavailable(name, IoUring.unavailabilityCause());
                }
                return IO_URING;
            case "nio":
                return NIO;
            default:
                return best();
        }
    }

    private static StartupException unavailable(String name, Throwable cause) {
        return new StartupException("transport = " + name + " is not available here (" + cause.getMessage()
                + "); set transport = auto in parley.conf");
    }

    IoHandlerFactory ioHandlerFactory() {
        return ioHandlers.get();
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /**
     * Turns TCP keepalive on for accepted connections, probing after {@code idleSeconds} of
     * silence rather than the OS default of two hours: a peer that vanished without a FIN (a
     * dropped Wi-Fi, a suspended laptop) is closed some minutes later, while a live client that
     * only listens answers the probes in its kernel and is never disturbed.
     */
    abstract void keepAlive(ServerBootstrap bootstrap, int idleSeconds);

    /** Sets one accepted connection's keepalive idle time, when a reload changed it from the listener's. */
    abstract void keepAliveIdle(Channel channel, int idleSeconds);
}
