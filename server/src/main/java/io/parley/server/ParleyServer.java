package io.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.parley.core.ChatService;
import io.parley.core.LocalRoomBus;
import io.parley.core.RoomDirectory;
import io.parley.core.RoomRegistry;
import io.parley.protocol.directory.DirectoryInitializer;
import io.parley.protocol.directory.DirectorySettings;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import io.parley.store.SqliteStore;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley: the store, the core and one listener per enabled protocol.
 *
 * <p>Threads: one boss loop accepts, a worker group (one loop per core) runs every connection;
 * the store has its own thread, which also fans events out. Status lines (one per listener, and
 * the directory's connection lines) go to the {@code out} given to {@link #start}; the directory's
 * are printed from event loops. {@link #stop} is thread-safe and idempotent.
 */
public final class ParleyServer {

    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    /** How long stopping waits for event loops to finish their queued work. */
    private static final long STOP_TIMEOUT_MS = 2000;

    private final SqliteStore store;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("parley", GlobalEventExecutor.INSTANCE);
    private final Map<String, InetSocketAddress> listeners = new LinkedHashMap<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private boolean stopping;

    private ParleyServer(SqliteStore store, Transport transport) {
        this.store = store;
        this.boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(0, transport.ioHandlerFactory());
    }

    /**
     * Opens the store, binds every enabled listener and prints one line per listener to
     * {@code out} once it is bound. Fails (having released everything) if any cannot bind.
     */
    public static ParleyServer start(ServerConfig config, PrintStream out) throws Exception {
        SqliteStore store = SqliteStore.open(config.dataDirectory());
        Transport transport = Transport.best();
        ParleyServer server = new ParleyServer(store, transport);
        try {
            server.bindAll(config, transport, out);
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        log.info("Parley started ({} transport, data in {})", transport, config.dataDirectory().toAbsolutePath());
        return server;
    }

    private void bindAll(ServerConfig config, Transport transport, PrintStream out) throws InterruptedException {
        ChatService chat = new ChatService(new RoomRegistry(store.rooms()), store.events(), new LocalRoomBus(),
                Clock.systemUTC());
        if (config.tcdPort().isPresent()) {
            TcdSettings tcd = new TcdSettings(config.studentId(), config.tcdMaxRequestBytes(), config.allowKill(),
                    () -> new Thread(this::stop, "parley-kill-service").start());
            InetSocketAddress bound = bind(config, transport, config.tcdPort().getAsInt(), new TcdInitializer(chat, tcd));
            listeners.put("tcd", bound);
            out.println("TCD protocol listening on " + describe(bound));
        }
        for (ServerConfig.LineListener line : config.lineListeners()) {
            LineSettings settings = new LineSettings(line.room(), config.lineMaxLineBytes());
            InetSocketAddress bound = bind(config, transport, line.port(), new LineInitializer(chat, settings));
            listeners.putIfAbsent("line", bound);
            listeners.put("line:" + line.room(), bound);
            out.println("Line protocol listening on " + describe(bound) + ", room " + line.room());
        }
        if (config.directoryPort().isPresent()) {
            RoomDirectory directory = new RoomDirectory(chat.rooms(), store.directory());
            DirectorySettings settings = new DirectorySettings(line -> {
                out.println(line);
                out.flush();
            });
            InetSocketAddress bound = bind(config, transport, config.directoryPort().getAsInt(),
                    new DirectoryInitializer(directory, settings));
            listeners.put("directory", bound);
            // The handout's wording, which its demonstration looks for.
            out.println("Chat Room Directory Server listening on port " + bound.getPort() + " ...");
        }
        out.flush();
    }

    private InetSocketAddress bind(ServerConfig config, Transport transport, int port, ChannelHandler protocol)
            throws InterruptedException {
        int cap = config.maxPendingOutputBytes();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(cap / 2, cap))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        channel.pipeline().addLast(protocol);
                    }
                });
        InetSocketAddress address = config.bind() == null ? new InetSocketAddress(port)
                : new InetSocketAddress(config.bind(), port);
        Channel listener = bootstrap.bind(address).sync().channel();
        channels.add(listener);
        return (InetSocketAddress) listener.localAddress();
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress() ? "all interfaces" : address.getAddress().getHostAddress();
        return "port " + address.getPort() + " (" + host + ")";
    }

    /**
     * The port a listener is bound to: {@code "tcd"}, {@code "line"} (the first line listener),
     * {@code "line:<room>"} or {@code "directory"}.
     */
    public int port(String protocol) {
        InetSocketAddress address = listeners.get(protocol);
        if (address == null) {
            throw new IllegalArgumentException("no " + protocol + " listener");
        }
        return address.getPort();
    }

    /** Completes once the server has stopped, whoever stopped it. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Stops accepting, closes every connection, lets the event loops finish, then closes the
     * store (which first writes everything it was given). Blocks until done; must not be called
     * on an event loop.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                stopped.join();
                return;
            }
            stopping = true;
        }
        log.info("Stopping");
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_MS);
        List<io.netty.util.concurrent.Future<?>> loops = new ArrayList<>();
        loops.add(boss.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        loops.add(workers.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        loops.forEach(loop -> loop.awaitUninterruptibly(STOP_TIMEOUT_MS * 2));
        store.close();
        log.info("Stopped");
        stopped.complete(null);
    }
}
