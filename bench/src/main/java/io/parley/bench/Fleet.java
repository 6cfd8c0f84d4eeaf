package io.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run's connections: opens them with a bounded number in progress, each until its member has
 * joined its room, and closes them all at the end. Thread-safe.
 */
final class Fleet {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A slow consumer's receive buffer: small, so the server's outbound cap is reached soon. */
    private static final int SLOW_RECEIVE_BUFFER = 4096;
    /**
     * The source addresses connections are spread over when the server is on IPv4 loopback (all
     * of 127/8 is local). connect() looks for a free ephemeral port per source address and
     * destination, and with thousands of connections (and the last run's TIME_WAITs) from one
     * address that search took over half of the bench's CPU in a profile of W2
     * ({@code __inet_hash_connect}), capping it near 3,500 connections/s.
     */
    private static final int LOOPBACK_SOURCES = 64;

    private final Bootstrap bootstrap;
    private final Bootstrap slowBootstrap;
    private final InetAddress host;
    /** TLS for every connection, or null for plaintext. */
    private final BenchTls tls;
    private final BenchSettings settings;
    private final ProtocolDriver driver;
    private final Recorders recorders;
    private final Queue<BenchMember> opened = new ConcurrentLinkedQueue<>();
    /** Where connections come from, by member index; empty: wherever the system picks. */
    private final List<InetSocketAddress> sources;

    Fleet(EventLoopGroup group, ClientTransport transport, BenchSettings settings, ProtocolDriver driver,
            Recorders recorders) {
        InetAddress host = settings.host();
        this.tls = settings.tls();
        this.host = host;
        this.settings = settings;
        this.driver = driver;
        this.recorders = recorders;
        this.sources = host instanceof Inet4Address && host.isLoopbackAddress() ? loopbackSources() : List.of();
        Bootstrap base = new Bootstrap()
                .group(group)
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS);
        if (transport == ClientTransport.EPOLL) {
            // Binding a source address picks the port at connect(), by the whole 4-tuple.
            base.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        this.bootstrap = base;
        this.slowBootstrap = bootstrap.clone().option(ChannelOption.SO_RCVBUF, SLOW_RECEIVE_BUFFER);
    }

    /**
     * Connects every member, at most {@code inFlight} of them connecting or joining at once.
     * Completes when all have joined, or exceptionally with the first that could not.
     */
    CompletableFuture<Void> joinAll(List<BenchMember> members, int inFlight) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        if (members.isEmpty()) {
            all.complete(null);
            return all;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= members.size() || all.isDone()) {
                return;
            }
            join(members.get(i)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                } else if (joined.incrementAndGet() == members.size()) {
                    all.complete(null);
                } else {
                    startNext[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(inFlight, members.size()); i++) {
            startNext[0].run();
        }
        return all;
    }

    /** Connects one member; completes when it has joined its room the first time. */
    CompletableFuture<Void> join(BenchMember member) {
        long start = System.nanoTime();
        Bootstrap chosen = member.role == BenchMember.Role.SLOW ? slowBootstrap : bootstrap;
        // A cluster's members are spread over its nodes (--ports); one server's are all on --port.
        int port = driver.port(settings.nodePorts().get(settings.nodeOf(member.index)), member.room);
        ChannelFuture connecting = chosen.clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            // What the member writes on connecting waits in the SslHandler for the handshake.
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), port),
                                    tls.handshakeFailures(port, member::refused));
                        }
                        channel.pipeline().addLast(driver.decoder(member), new MemberHandler(member, start));
                    }
                })
                .connect(new InetSocketAddress(host, port), sourceFor(member));
        opened.add(member);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                member.firstJoin.completeExceptionally(done.cause());
                member.closed.complete(null);
            }
        });
        return member.firstJoin;
    }

    /** The member's source address, or null for any. */
    private InetSocketAddress sourceFor(BenchMember member) {
        return sources.isEmpty() ? null : sources.get(member.index % sources.size());
    }

    /** 127.0.0.1 to 127.0.0.64, any port. */
    private static List<InetSocketAddress> loopbackSources() {
        List<InetSocketAddress> sources = new ArrayList<>(LOOPBACK_SOURCES);
        for (int last = 1; last <= LOOPBACK_SOURCES; last++) {
            try {
                sources.add(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last}), 0));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a four-byte address is always valid", e);
            }
        }
        return List.copyOf(sources);
    }

    /** Closes every connection opened so far and waits (bounded) until they are closed. */
    void closeAll() {
        for (BenchMember member : opened) {
            Channel channel = member.channel();
            if (channel != null) {
                channel.close();
            }
        }
        CompletableFuture<?>[] closing = opened.stream().map(member -> member.closed).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Closing is best effort: the process ends soon after.
        }
    }

    /** Links a connection's lifecycle to its member. */
    private final class MemberHandler extends ChannelInboundHandlerAdapter {
        private final BenchMember member;
        private final long startNanos;

        MemberHandler(BenchMember member, long startNanos) {
            this.member = member;
            this.startNanos = startNanos;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            member.connected(ctx.channel(), recorders.of(ctx.channel().eventLoop()), startNanos);
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            member.disconnected();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            member.refused("connection failed: " + cause);
            ctx.close();
        }
    }
}
