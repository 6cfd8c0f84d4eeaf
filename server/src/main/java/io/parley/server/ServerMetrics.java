package io.parley.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.core.Store;
import io.parley.core.account.Presence;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.Room;
import io.parley.core.room.RoomRegistry;
import io.parley.store.StoreMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, in Micrometer's Prometheus registry, for the admin listener's
 * {@code /metrics}: one {@link ProtocolMeters} per protocol, the store's transactions (it is the
 * store's {@link StoreMetrics}), the store's and the crypto pool's queues, and the JVM's usual
 * figures. Micrometer names ({@code parley.connections.open}) become Prometheus ones
 * ({@code parley_connections_open}, counters ending in {@code _total}, units in the name);
 * {@code docs/operations.md} lists them all.
 *
 * <p>Thread-safe once set up: meters are registered by the starting thread, counted from any.
 */
final class ServerMetrics implements StoreMetrics, AutoCloseable {

    /** Buckets of a commit's latency: from a fast disk's fsync to the store's busy timeout. */
    private static final Duration[] COMMIT_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5)};
    /** Buckets of a transaction's size in tasks, up to the writer's most (512). */
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProtocolMeters.LoginMeters logins = ProtocolMeters.LoginMeters.register(registry);
    private final Map<String, ProtocolMeters> protocols = new HashMap<>();
    private final Timer commits = Timer.builder("parley.store.commit")
            .description("Store transactions committed, and how long each took (its tasks' work and the commit)")
            .serviceLevelObjectives(COMMIT_BUCKETS).register(registry);
    private final DistributionSummary batches = DistributionSummary.builder("parley.store.batch").baseUnit("tasks")
            .description("Tasks (writes, reads) per committed store transaction: the group commit's batch")
            .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
    private final Counter failures = Counter.builder("parley.store.failures")
            .description("Store transactions that failed (locked, read only, full, or a task's error)").register(registry);
    private JvmGcMetrics gc;

    /**
     * The JVM's figures (memory, GC, threads, JIT compilation time, CPU, uptime), read only when
     * scraped. Compilation time tells when a server is warm: a benchmark waits until it stops
     * growing (bench/calibrate.sh).
     */
    void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The meters of {@code protocol}'s connections, the same for each of its listeners. Starting thread only. */
    ProtocolMeters protocol(String protocol) {
        return protocols.computeIfAbsent(protocol, name -> new ProtocolMeters(registry, name, logins));
    }

    /** Watches the store's queue of tasks. */
    void watch(Store store) {
        Gauge.builder("parley.store.queue", store, Store::queueDepth).baseUnit("tasks")
                .description("Tasks waiting for the store thread").register(registry);
        Gauge.builder("parley.store.queue.bytes", store, Store::queuedBytes).baseUnit("bytes")
                .description("Bytes of writes queued or being written; past store.max-queued-bytes messages are refused")
                .register(registry);
    }

    /** Watches how many rooms there are (TCD, line, account and directory rooms alike). */
    void watch(RoomRegistry rooms) {
        Gauge.builder("parley.rooms", rooms, RoomRegistry::size).baseUnit("rooms")
                .description("Rooms the server knows, stored or created since it started").register(registry);
    }

    /**
     * Watches the users: accounts registered, names online (every protocol's users that hold a
     * name in the one presence: logged-in account users and IRC nicks) and room members (each
     * membership once, local or on another node).
     */
    void watch(RegisteredNames names, Presence presence, RoomRegistry rooms) {
        Gauge.builder("parley.accounts", names, RegisteredNames::count).baseUnit("accounts")
                .description("Accounts registered").register(registry);
        Gauge.builder("parley.online.users", presence, Presence::size).baseUnit("users")
                .description("Names online in the server's presence: logged-in account users and IRC nicks").register(registry);
        Gauge.builder("parley.room.members", rooms, all -> all.all().stream().mapToInt(Room::memberCount).sum())
                .baseUnit("members").description("Room memberships, every room, every node").register(registry);
    }

    /** Watches the queue of the crypto pool (password hashing and RSA for account logins). */
    void watch(ThreadPoolExecutor cryptoPool) {
        Gauge.builder("parley.crypto.queue", cryptoPool, pool -> pool.getQueue().size()).baseUnit("tasks")
                .description("Crypto tasks (password hashes, RSA) waiting for a thread").register(registry);
    }

    @Override
    public void committed(int tasks, long nanos) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        batches.record(tasks);
    }

    @Override
    public void failed(int tasks) {
        failures.increment();
    }

    /** Every meter in Prometheus's text format (version 0.0.4). Any thread. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
