package io.parley.core;

import io.parley.core.account.AccountStore;
import io.parley.core.account.HistoryStore;
import io.parley.core.directory.DirectoryStore;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomReplay;
import io.parley.core.room.RoomStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the server keeps what outlives it: one port over the core's stores, so that the server
 * starts, watches and stops a store without knowing which database is behind it. SQLite
 * implements it today; the server picks the implementation in one place.
 *
 * <p>Implementations are thread-safe: any thread may call any method, and each store port it
 * hands out states its own threading.
 */
public interface Store extends AutoCloseable {

    RoomStore rooms();

    EventLog events();

    /**
     * Reads the rooms' stored messages back by sequence: what a cluster bus fills a gap from. A
     * single-node store need not offer it (one node has no gaps to fill).
     *
     * @throws UnsupportedOperationException if this store cannot
     */
    default RoomReplay replay() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read messages back by sequence");
    }

    /**
     * The cluster's leases on life, in a store every node shares; empty for a single node's store.
     */
    default Optional<NodeLeases> leases() {
        return Optional.empty();
    }

    /** The names online across the cluster, in a store every node shares; empty for a single node's store. */
    default Optional<io.parley.core.account.PresenceDirectory> presence() {
        return Optional.empty();
    }

    AccountStore accounts();

    HistoryStore history();

    DirectoryStore directory();

    /**
     * Commits a small write and completes once it is durable, or exceptionally when the store
     * cannot write: what a readiness check asks. Probes in flight are shared, not piled up.
     */
    CompletableFuture<Void> probeWrite();

    /** How many tasks wait for the store now; a moment's approximation, for metrics. */
    int queueDepth();

    /** How many bytes of writes wait for the store now; a moment's approximation, for metrics. */
    long queuedBytes();

    /** Finishes every write already accepted, then releases the database. Call once. */
    @Override
    void close();
}
