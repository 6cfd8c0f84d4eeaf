package io.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.parley.core.Store;
import io.parley.core.account.Presence;
import io.parley.core.account.RegisteredNames;
import io.parley.core.pass.PassEnd;
import io.parley.core.room.ChatService;
import io.parley.core.room.RoomRegistry;
import io.parley.protocol.ConnectionErrors;
import io.parley.protocol.ConnectionMetrics;
import io.parley.protocol.Goodbye;
import io.parley.protocol.ProtocolStartException;
import io.parley.protocol.RequestLimits;
import io.parley.protocol.SharedAccounts;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley: the store, the core and one listener per enabled protocol.
 *
 * <p>Threads: one boss loop accepts, a worker group (one loop per core) runs every connection;
 * the store has its own threads and hands committed room events to the loops (on a single node;
 * a cluster's bus on {@code parley-fanout}), and what waits for them runs on
 * {@code parley-fanout}. Status lines (one per listener, and
 * the directory's connection lines) go to the {@code out} given to {@link #start}; the directory's
 * are printed from event loops. {@link #stop} is thread-safe and idempotent.
 */
public final class ParleyServer {

    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    /** How long stopping waits for event loops to finish their queued work. */
    private static final long STOP_TIMEOUT_MS = 2000;
    /** The name of every connection's first handler, the {@link ConnectionGuard}. */
    private static final String GUARD = "connection-guard";
    /** The name of every connection's {@link TrafficMeter}, before the guard. */
    private static final String TRAFFIC = "traffic-meter";
    /** The media type of Prometheus's text format, which {@link ServerMetrics#scrape} writes. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** The name of a TLS connection's first handler, its SslHandler, and of the one that logs its failures. */
    private static final String TLS = "tls";
    private static final String TLS_FAILURES = "tls-handshake-failures";
    /** The name of every connection's {@link UnwritableDeadline}. */
    private static final String UNWRITABLE = "unwritable-deadline";
    /** The name of the {@link IdleTimeout} of a connection whose protocol has one. */
    private static final String IDLE = "idle-timeout";
    /** The write-buffer water marks of an admin connection: a scrape's answer is a few KiB. */
    private static final int ADMIN_WRITE_LOW_BYTES = 32 * 1024;
    private static final int ADMIN_WRITE_HIGH_BYTES = 64 * 1024;

    private final DataDirectoryLock dataLock;
    /** Set once by {@link #start}, after every listener is bound and before any is accepting. */
    private Store store;
    /** The room bus and what it needs closed; null until the store is open. */
    private Buses.NodeBus bus;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    /** Runs the slow crypto of account logins (RSA, Argon2id) off the event loops; bounded. */
    private final ThreadPoolExecutor cryptoPool = CryptoPool.create();
    /**
     * Completes what waits for a delivery (the stages of posts, joins and leaves, and so every
     * continuation chained on them), off the store's thread, which must never run code that may
     * wait for the store; on a single node the store thread itself hands events to the loops
     * ({@code LocalRoomBus}). In a cluster the NATS bus delivers here too. One thread keeps every
     * room's order. Stopped after the store, whose last callbacks (leaves) still hand work to it.
     */
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-fanout");
        thread.setDaemon(true);
        return thread;
    });
    private final ChannelGroup channels = new DefaultChannelGroup("parley", GlobalEventExecutor.INSTANCE);
    private final Map<String, InetSocketAddress> listeners = new LinkedHashMap<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AddressLimits addressLimits;
    /** The connection limits each new connection reads as its pipeline is built; a reload replaces them. */
    private final LiveLimits limits;
    /** The protocols' handlers, which a reload hands their protocol's new live settings. */
    private SharedHandlers handlers;
    /** Rereads parley.conf on {@link #reload}; null for a server started without its sources (tests). */
    private volatile ConfigReload configReload;
    private final ServerMetrics metrics = new ServerMetrics();
    /** The admin HTTP listener, or null when it is off. */
    private AdminListener admin;
    /** What each admin path answers; set before the admin listener accepts. */
    private volatile Map<String, Supplier<CompletionStage<AdminResponse>>> adminEndpoints = Map.of();
    /** The TLS listeners' certificate, which {@link #reload} rereads; null when none listens with TLS. */
    private ServerTls tls;
    /** Written under this object's lock, read by /readyz from any thread. */
    private volatile boolean stopping;

    private ParleyServer(DataDirectoryLock dataLock, Transport transport, ServerConfig config) {
        ConnectionPolicy policy = config.connections();
        this.dataLock = dataLock;
        this.limits = new LiveLimits(LiveLimits.Limits.of(config));
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
        // A loop hands what it read in one pass to the store together (PassEnd, StoreWriter).
        for (EventExecutor loop : workers) {
            loop.execute(() -> PassEnd.workInPasses(PassEnd.onLoop(loop)));
        }
    }

    /**
     * Starts a server, in an order that leaves nothing behind when a step fails: locks the data
     * directory (so a second server on it fails before it writes anything), binds every enabled
     * listener with accepting paused, only then opens the store (which closes the account
     * sessions a crash left open) and sets up the protocols, then starts accepting and prints one
     * line per listener to {@code out}. Nothing is printed if any step fails; what was taken is
     * released, and an operator's mistake (a port in use, a data directory in use or unusable, a
     * server key that cannot be read) is a {@link StartupException} naming the cause and the fix.
     */
    public static ParleyServer start(ServerConfig config, PrintStream out) throws Exception {
        return start(config, out, null, null, false);
    }

    /**
     * As {@link #start(ServerConfig, PrintStream)}, for {@code parley serve}: {@link #reload} then
     * also rereads {@code sources} (the config file, the flags over it), of which {@code config}
     * was made from {@code properties}, and applies what can change live ({@link ConfigReload}),
     * the log's levels and format too when {@code appliesLogs} (the process's log is the server's).
     */
    static ParleyServer start(ServerConfig config, PrintStream out, ServeSettings sources, Properties properties,
            boolean appliesLogs) throws Exception {
        InetAddress bindAddress = Listener.resolveBindAddress(config.bind());
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
        Transport transport = Transport.chosen(config.transport());
        ParleyServer server;
        try {
            server = new ParleyServer(lock, transport, config);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
        try {
            List<Listener> listeners = Listener.enabled(config);
            server.tls = ServerTls.forListeners(config.tls(), listeners);
            for (Listener listener : listeners) {
                server.bind(config, transport, bindAddress, listener, listener.tls() ? server.tls : null);
            }
            if (server.tls != null) {
                server.tls.checkExpiryDaily(server.boss, ServerTls.EXPIRY_CHECK_PERIOD);
            }
            server.admin = AdminListener.of(config);
            if (server.admin != null) {
                server.bindAdmin(transport, config.adminPortChosen());
            }
            if (server.admin != null) {
                server.metrics.bindJvm(); // read only when scraped: not bound when nobody can
            }
            server.store = Stores.open(config, server.metrics);
            server.metrics.watch(server.store);
            server.metrics.watch(server.cryptoPool);
            server.setUpProtocols(config, listeners, out);
            server.setUpAdmin(listeners);
            if (sources != null) {
                server.configReload = new ConfigReload(sources, properties, config, server.limits, server.addressLimits,
                        server.handlers, server.tls, appliesLogs);
            }
            server.startAccepting(listeners, bindAddress, out);
        } catch (Exception | Error e) {
            server.abandonStart();
            throw e;
        }
        log.info("Parley started ({} transport, data in {})", transport, config.dataDirectory().toAbsolutePath());
        return server;
    }

    /**
     * Gives every bound listener its protocol's handler; nothing is accepted yet, so none is
     * missed. A protocol's listeners that serve the same thing share one handler: one directory
     * of rooms, one set of online account users and login throttles, whichever port a client
     * chose.
     */
    private void setUpProtocols(ServerConfig config, List<Listener> listeners, PrintStream out)
            throws StartupException {
        RoomRegistry rooms = new RoomRegistry(store.rooms(), config.rooms().quota());
        metrics.watch(rooms);
        bus = Buses.open(config, fanOut, store);
        ChatService chat = new ChatService(config.cluster().node(), rooms, bus.events(), bus.bus(), Clock.systemUTC());
        bus.watch(chat); // a cluster node announces the users of nodes that died
        if (bus.lease() != null) {
            // Rooms this node loaded have members on the nodes already running: listed now that
            // their later events reach this node.
            rooms.fillRosters();
        }
        RegisteredNames names = new RegisteredNames(store.accounts().loadNames());
        handlers = new SharedHandlers(config.protocols());
        // One presence for every protocol, so a name is online once, whichever protocol holds it,
        // and one set of accounts on it: a wrong password counts the same over every protocol.
        Presence presence = bus.presence(names, store);
        metrics.watch(names, presence, rooms);
        SharedAccounts accounts = SharedAccounts.create(config.protocols().values().stream()
                .flatMap(protocol -> protocol.accountSettings().stream()).findFirst()
                .orElse(SharedAccounts.Settings.DEFAULTS), store, names, presence, cryptoPool, CryptoPool.THREADS);
        ServerModuleContext context = new ServerModuleContext(chat, names, presence, accounts, store,
                config.dataDirectory(), cryptoPool, CryptoPool.THREADS, out, this::stop, handlers, bus.modes());
        for (Listener listener : listeners) {
            try {
                listener.handler = handlers.of(listener.protocol(), listener.qualifier(), context);
            } catch (ProtocolStartException e) {
                throw new StartupException(e.getMessage());
            }
        }
    }

    /** What the admin listener's paths answer: liveness, readiness and the metrics. */
    private void setUpAdmin(List<Listener> listeners) {
        Readiness readiness = new Readiness(listeners, store, bus.up(), () -> stopping);
        Map<String, Supplier<CompletionStage<AdminResponse>>> endpoints = new LinkedHashMap<>();
        endpoints.put("/metrics", () -> CompletableFuture.completedFuture(
                new AdminResponse(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape())));
        endpoints.put("/livez", () -> CompletableFuture.completedFuture(AdminResponse.text(HttpResponseStatus.OK, "ok")));
        endpoints.put("/readyz", () -> readiness.check().thenApply(ParleyServer::readyzResponse));
        endpoints.put(AdminHandler.POST + "/reload", () -> reload().handle(ParleyServer::reloadResponse));
        adminEndpoints = Collections.unmodifiableMap(endpoints); // in order, for the status line
    }

    private static AdminResponse reloadResponse(String reloaded, Throwable failure) {
        if (failure == null) {
            return AdminResponse.text(HttpResponseStatus.OK, reloaded);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return AdminResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()));
    }

    /**
     * Rereads what can change while the server runs: the config file, for a server that
     * {@code parley serve} started ({@link ConfigReload}: limits, MOTD, log levels, ...), and the
     * TLS certificate and key, which new connections then get (open ones keep theirs). Completes
     * with one line saying what was reloaded and what needs a restart, or fails with one saying
     * what could not be (it keeps its running value); both are logged. Thread-safe; the work runs
     * off the caller's thread.
     */
    public CompletableFuture<String> reload() {
        ConfigReload config = configReload;
        if (config != null) {
            return config.reload();
        }
        if (tls == null) {
            return CompletableFuture.completedFuture("nothing to reload: no TLS listener");
        }
        return tls.reload();
    }

    private static AdminResponse readyzResponse(Optional<String> problem) {
        return problem.map(reason -> AdminResponse.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + reason))
                .orElseGet(() -> AdminResponse.text(HttpResponseStatus.OK, "ready"));
    }

    /**
     * Binds the admin listener with accepting paused, or fails naming its port and the fix. Only
     * a port the operator chose is worth failing for: the default one (9090) taken by another
     * program (a second Parley beside this one, Prometheus itself) turns the admin listener off
     * with a warning, so {@code parley serve} with only the chat ports given keeps starting as it
     * always did.
     */
    private void bindAdmin(Transport transport, boolean portChosen) throws StartupException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.AUTO_READ, false)
                // One answer is written at a time; past this the connection stops reading.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(ADMIN_WRITE_LOW_BYTES, ADMIN_WRITE_HIGH_BYTES))
                .childHandler(new AdminInitializer(channels, () -> adminEndpoints));
        ChannelFuture bound = bootstrap.bind(admin.socketAddress()).await();
        if (!bound.isSuccess()) {
            StartupException failure = admin.cannotListen(bound.cause());
            if (portChosen || !inUse(bound.cause())) {
                throw failure;
            }
            log.warn("No admin listener (metrics, health): {}", failure.getMessage());
            admin = null;
            return;
        }
        admin.channel = bound.channel();
        channels.add(admin.channel);
    }

    /** Whether a bind failed because another socket holds the port (Netty's epoll says so in words). */
    private static boolean inUse(Throwable cause) {
        return cause instanceof BindException
                || (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("already in use"));
    }

    /** Resumes accepting on every listener, then prints their lines: all of them bound and serving. */
    private void startAccepting(List<Listener> listeners, InetAddress bindAddress, PrintStream out) {
        for (Listener listener : listeners) {
            listener.channel.config().setAutoRead(true);
            InetSocketAddress bound = listener.address();
            this.listeners.put(listener.name(), bound);
            if (listener.qualifier() != null) {
                this.listeners.putIfAbsent(listener.label(), bound); // the first line listener is "line"
            }
            out.println(listener.statusLine());
        }
        if (admin != null) {
            admin.channel.config().setAutoRead(true);
            out.println(admin.statusLine(adminEndpoints.keySet()));
        }
        if (bindAddress == null && !listeners.isEmpty()) {
            // Binding every interface is what a server does by default; each status line says
            // "(all interfaces)", and the log says what it means. Not on stdout: scripts rely on
            // one stdout line per bound listener.
            log.info("Listening on every interface, so other machines can connect; --bind 127.0.0.1 keeps"
                    + " Parley to this one.");
        }
        out.flush();
    }

    /**
     * Binds {@code listener}'s port with accepting paused, or fails naming the port and the fix;
     * with {@code tls} (null for a plaintext listener) every connection starts with a handshake.
     */
    private void bind(ServerConfig config, Transport transport, InetAddress bindAddress, Listener listener,
            ServerTls tls) throws StartupException, InterruptedException {
        // The listener's options are the limits at the start; each connection then reads the
        // limits of the moment (a reload may have changed them) and sets what differs.
        int cap = config.maxPendingOutputBytes();
        ConnectionPolicy policy = config.connections();
        ConnectionErrors errors = listener.protocol().errors();
        ProtocolMeters meters = metrics.protocol(listener.protocol().name());
        TrafficMeter traffic = new TrafficMeter(meters);
        TlsHandshakeFailures tlsFailures = tls == null ? null : new TlsHandshakeFailures(meters.tlsHandshakesFailed());
        // Only request/response protocols (the directory) have one: a chat member who only reads is not idle.
        int idleTimeoutSeconds = listener.protocol().idleTimeoutSeconds();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                // Accepting starts once the store is open and the protocols are set up.
                .option(ChannelOption.AUTO_READ, false)
                // No TCP_NODELAY here: Netty's socket channels turn it on as they are made, and
                // setting it again cost each connection a system call.
                .childAttr(ConnectionErrors.KEY, errors)
                .childAttr(ConnectionMetrics.KEY, meters)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(cap / 2, cap))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        LiveLimits.Limits now = limits.get();
                        ConnectionPolicy live = now.policy();
                        channel.attr(RequestLimits.KEY).set(live.requests());
                        if (now.maxPendingOutputBytes() != cap) {
                            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(
                                    now.maxPendingOutputBytes() / 2, now.maxPendingOutputBytes()));
                        }
                        if (live.keepAliveIdleSeconds() != policy.keepAliveIdleSeconds()) {
                            transport.keepAliveIdle(channel, live.keepAliveIdleSeconds());
                        }
                        channels.add(channel);
                        if (tls != null) {
                            SslHandler handshake = tls.context().newHandler(channel.alloc());
                            handshake.setHandshakeTimeoutMillis(TlsContext.HANDSHAKE_TIMEOUT_MS);
                            channel.pipeline().addLast(TLS, handshake);
                            channel.pipeline().addLast(TLS_FAILURES, tlsFailures);
                        }
                        channel.pipeline().addLast(TRAFFIC, traffic);
                        channel.pipeline().addLast(GUARD, new ConnectionGuard(addressLimits,
                                TimeUnit.SECONDS.toMillis(live.registrationTimeoutSeconds()), meters));
                        channel.pipeline().addLast(UNWRITABLE, new UnwritableDeadline(
                                TimeUnit.SECONDS.toMillis(live.unwritableTimeoutSeconds())));
                        if (idleTimeoutSeconds > 0) {
                            channel.pipeline().addLast(IDLE, new IdleTimeout(idleTimeoutSeconds));
                        }
                        channel.pipeline().addLast(listener.handler);
                    }
                });
        // Keepalive finds half-open connections whose peer vanished without a FIN.
        transport.keepAlive(bootstrap, policy.keepAliveIdleSeconds());
        InetSocketAddress address = bindAddress == null ? new InetSocketAddress(listener.port())
                : new InetSocketAddress(bindAddress, listener.port());
        ChannelFuture bound = bootstrap.bind(address).await();
        if (!bound.isSuccess()) {
            throw listener.cannotListen(bindAddress, bound.cause());
        }
        listener.channel = bound.channel();
        channels.add(listener.channel);
    }

    /** Releases what a failed {@link #start} took, quietly: the caller reports the failure. */
    private void abandonStart() {
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_MS);
        boss.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(STOP_TIMEOUT_MS * 2);
        workers.shutdownGracefully(0, STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(STOP_TIMEOUT_MS * 2);
        cryptoPool.shutdownNow();
        if (store != null) {
            store.close();
        }
        stopFanOut();
        if (bus != null) {
            bus.close();
        }
        metrics.close();
        dataLock.close();
        stopped.complete(null);
    }

    /**
     * The port a listener is bound to: {@code "tcd"}, {@code "line"} (the first line listener),
     * {@code "line:<room>"}, {@code "account"} or {@code "directory"}; a TLS listener's with
     * {@code -tls} after the protocol ({@code "tcd-tls"}, {@code "line-tls"}, {@code "line-tls:<room>"}, ...).
     */
    public int port(String protocol) {
        InetSocketAddress address = listeners.get(protocol);
        if (address == null) {
            throw new IllegalArgumentException("no " + protocol + " listener");
        }
        return address.getPort();
    }

    /** The admin listener's port; fails when it is off. */
    public int adminPort() {
        if (admin == null) {
            throw new IllegalArgumentException("no admin listener");
        }
        return admin.address().getPort();
    }

    /**
     * Stops accepting, tells every connection the server is stopping, and waits (at most
     * {@link #STOP_TIMEOUT_MS}) for that and the output queued before it to be written. The
     * notice goes out in the connection's turn ({@link Goodbye}): after the reply to a request in
     * progress, so a client that pairs replies with requests in order is not misled.
     */
    private void sayGoodbye() {
        List<ChannelFuture> written = new ArrayList<>();
        for (Channel channel : channels) {
            ConnectionErrors errors = channel.attr(ConnectionErrors.KEY).get();
            if (errors == null) {
                channel.close(); // a listener: stop accepting first
            } else if (channel.isActive()) {
                written.add(Goodbye.say(channel));
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

    /**
     * The bytes written to connections and not yet taken by their sockets, over every connection:
     * what slow readers cost the server's memory. Thread-safe; a moment's approximation.
     */
    public long pendingOutputBytes() {
        long pending = 0;
        for (Channel channel : channels) {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            pending += buffer == null ? 0 : buffer.totalPendingWriteBytes();
        }
        return pending;
    }

    /** The connections open now (not the listeners): for tests and diagnostics. */
    List<Channel> connections() {
        return channels.stream().filter(channel -> channel.attr(ConnectionErrors.KEY).get() != null).toList();
    }

    /** Completes once the server has stopped, whoever stopped it. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Lets the fan-out hand over what the store committed last, then stops its thread. */
    private void stopFanOut() {
        fanOut.shutdown();
        try {
            if (!fanOut.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("The fan-out did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        stopFanOut();
        bus.close(); // after the store's last events were published
        metrics.close();
        dataLock.close(); // only once the store has written everything
        log.info("Stopped");
        stopped.complete(null);
    }
}
