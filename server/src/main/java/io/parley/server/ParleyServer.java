package io.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.parley.core.ChatService;
import io.parley.core.LocalRoomBus;
import io.parley.core.RoomDirectory;
import io.parley.core.RoomRegistry;
import io.parley.core.RegisteredNames;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.RequestLimits;
import io.parley.protocol.account.AccountInitializer;
import io.parley.protocol.account.AccountServices;
import io.parley.protocol.account.OnlineUsers;
import io.parley.protocol.account.PasswordHasher;
import io.parley.protocol.account.RsaKeys;
import io.parley.protocol.directory.DirectoryInitializer;
import io.parley.protocol.directory.DirectorySettings;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import io.parley.store.SqliteStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
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
    /** The server's RSA key pair for the account protocol, in the data directory. */
    public static final String SERVER_KEY_FILE = "server-key.pem";
    /** The name of every connection's first handler, the {@link ConnectionGuard}. */
    private static final String GUARD = "connection-guard";
    /** The name of every connection's {@link UnwritableDeadline}. */
    private static final String UNWRITABLE = "unwritable-deadline";

    private final SqliteStore store;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    /** Runs the slow crypto of account logins (RSA, Argon2id) off the event loops; bounded. */
    private final ThreadPoolExecutor cryptoPool = CryptoPool.create();
    private final ChannelGroup channels = new DefaultChannelGroup("parley", GlobalEventExecutor.INSTANCE);
    private final Map<String, InetSocketAddress> listeners = new LinkedHashMap<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AddressLimits addressLimits;
    private boolean stopping;

    private ParleyServer(SqliteStore store, Transport transport, ConnectionPolicy policy) {
        this.store = store;
        long windowNanos = TimeUnit.SECONDS.toNanos(policy.newWindowSeconds());
        this.addressLimits = new AddressLimits(policy.maxPerAddress(), policy.maxNewPerAddress(), windowNanos);
        this.boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        // A pass over every address seen: once per window, not once per connection.
        boss.scheduleAtFixedRate(addressLimits::forgetIdle, windowNanos, windowNanos, TimeUnit.NANOSECONDS);
        // One loop per core, not Netty's default of two: a room hands each loop one task per
        // event, so every extra loop is one more task, wake-up and context switch per message.
        // NettyRuntime honours -Dio.netty.availableProcessors, for a container that limits cores.
        this.workers = new MultiThreadIoEventLoopGroup(NettyRuntime.availableProcessors(),
                transport.ioHandlerFactory());
    }

    /**
     * Opens the store, binds every enabled listener and prints one line per listener to
     * {@code out} once it is bound. Fails (having released everything) if any cannot bind.
     */
    public static ParleyServer start(ServerConfig config, PrintStream out) throws Exception {
        SqliteStore store = SqliteStore.open(config.dataDirectory(), config.storeBusyTimeoutMs());
        Transport transport = Transport.best();
        ParleyServer server = new ParleyServer(store, transport, config.connections());
        try {
            server.bindAll(config, transport, out);
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        log.info("Parley started ({} transport, data in {})", transport, config.dataDirectory().toAbsolutePath());
        return server;
    }

    private void bindAll(ServerConfig config, Transport transport, PrintStream out)
            throws InterruptedException, IOException, GeneralSecurityException {
        ChatService chat = new ChatService(new RoomRegistry(store.rooms(), config.rooms().quota()), store.events(),
                new LocalRoomBus(), Clock.systemUTC());
        RegisteredNames names = new RegisteredNames(store.accounts().loadNames());
        if (config.tcdPort().isPresent()) {
            TcdSettings tcd = new TcdSettings(config.studentId(), config.tcdMaxRequestBytes(), config.allowKill(),
                    () -> new Thread(this::stop, "parley-kill-service").start());
            InetSocketAddress bound = bind(config, transport, config.tcdPort().getAsInt(),
                    new TcdInitializer(chat, names, tcd), TcdSettings.CONNECTION_ERRORS);
            listeners.put("tcd", bound);
            out.println("TCD protocol listening on " + describe(bound));
        }
        for (ServerConfig.LineListener line : config.lineListeners()) {
            LineSettings settings = new LineSettings(line.room(), config.lineMaxLineBytes());
            InetSocketAddress bound = bind(config, transport, line.port(), new LineInitializer(chat, names, settings),
                    LineSettings.CONNECTION_ERRORS);
            listeners.putIfAbsent("line", bound);
            listeners.put("line:" + line.room(), bound);
            out.println("Line protocol listening on " + describe(bound) + ", room " + line.room());
        }
        if (config.accountPort().isPresent()) {
            KeyPair serverKeys = RsaKeys.loadOrCreate(config.dataDirectory().resolve(SERVER_KEY_FILE));
            PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(), cryptoPool);
            AccountServices services = new AccountServices(chat, names, store.accounts(), store.history(), serverKeys,
                    hasher, new OnlineUsers(), cryptoPool, config.accountMaxFrameBytes());
            InetSocketAddress bound = bind(config, transport, config.accountPort().getAsInt(),
                    new AccountInitializer(services), AccountServices.CONNECTION_ERRORS);
            listeners.put("account", bound);
            out.println("Account protocol listening on " + describe(bound));
        }
        if (config.directoryPort().isPresent()) {
            RoomDirectory directory = new RoomDirectory(chat, store.directory(), config.rooms().maxDirectoryRoomsPerAddress());
            DirectorySettings settings = new DirectorySettings(line -> {
                out.println(line);
                out.flush();
            });
            InetSocketAddress bound = bind(config, transport, config.directoryPort().getAsInt(),
                    new DirectoryInitializer(directory, settings), DirectorySettings.CONNECTION_ERRORS);
            listeners.put("directory", bound);
            // The handout's wording, which its demonstration looks for.
            out.println("Chat Room Directory Server listening on port " + bound.getPort() + " ...");
        }
        out.flush();
    }

    private InetSocketAddress bind(ServerConfig config, Transport transport, int port, ChannelHandler protocol,
            ConnectionErrors errors) throws InterruptedException {
        int cap = config.maxPendingOutputBytes();
        ConnectionPolicy policy = config.connections();
        long registrationTimeoutMs = TimeUnit.SECONDS.toMillis(policy.registrationTimeoutSeconds());
        long unwritableTimeoutMs = TimeUnit.SECONDS.toMillis(policy.unwritableTimeoutSeconds());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Keepalive finds half-open connections whose peer vanished without a FIN.
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childAttr(RequestLimits.KEY, policy.requests())
                .childAttr(ConnectionErrors.KEY, errors)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(cap / 2, cap))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        channel.pipeline().addLast(GUARD, new ConnectionGuard(addressLimits, errors, registrationTimeoutMs));
                        channel.pipeline().addLast(UNWRITABLE, new UnwritableDeadline(unwritableTimeoutMs));
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
     * {@code "line:<room>"}, {@code "account"} or {@code "directory"}.
     */
    public int port(String protocol) {
        InetSocketAddress address = listeners.get(protocol);
        if (address == null) {
            throw new IllegalArgumentException("no " + protocol + " listener");
        }
        return address.getPort();
    }

    /**
     * Stops accepting, tells every connection the server is stopping, and waits (at most
     * {@link #STOP_TIMEOUT_MS}) for that and the output queued before it to be written.
     */
    private void sayGoodbye() {
        List<ChannelFuture> written = new ArrayList<>();
        for (Channel channel : channels) {
            ConnectionErrors errors = channel.attr(ConnectionErrors.KEY).get();
            if (errors == null) {
                channel.close(); // a listener: stop accepting first
            } else if (channel.isActive()) {
                written.add(channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), errors.shuttingDown())));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        for (ChannelFuture write : written) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !write.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                break; // a reader that does not drain in time is closed regardless
            }
        }
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
        sayGoodbye();
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_MS);
        List<io.netty.util.concurrent.Future<?>> loops = new ArrayList<>();
        loops.add(boss.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        loops.add(workers.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        loops.forEach(loop -> loop.awaitUninterruptibly(STOP_TIMEOUT_MS * 2));
        cryptoPool.shutdownNow();
        store.close();
        log.info("Stopped");
        stopped.complete(null);
    }
}
