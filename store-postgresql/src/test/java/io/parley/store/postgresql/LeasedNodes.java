package io.parley.store.postgresql;

import io.parley.core.room.RoomEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Cluster nodes' stores for each test, on a fresh {@link TestDatabase}: {@link #start} opens a
 * node's store under its name and begins its lease on life, as a node does when it starts. After
 * the test it closes every store it opened and drops the database.
 *
 * <pre>{@code
 * @RegisterExtension
 * final LeasedNodes nodes = new LeasedNodes();
 * ...
 * PostgresStore a = nodes.start("a");
 * a.leases().orElseThrow().renew(nodes.life("a"), LeasedNodes.RUN_OUT); // a dies
 * }</pre>
 *
 * <p>A test that opens a store its own way (a node that stops, or restarts under its name) uses
 * {@link #database()} and closes that store itself.
 */
final class LeasedNodes implements BeforeEachCallback, AfterEachCallback {

    /** A lease that outlasts any test. */
    static final Duration HELD = Duration.ofSeconds(30);
    /** A lease given a negative length has run out already: no test waits for a clock. */
    static final Duration RUN_OUT = Duration.ofSeconds(-1);

    private final List<PostgresStore> stores = new ArrayList<>();
    private final Map<String, Long> lives = new HashMap<>();
    private TestDatabase database;

    @Override
    public void beforeEach(ExtensionContext context) {
        database = TestDatabase.create();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (int i = stores.size() - 1; i >= 0; i--) {
                stores.get(i).close();
            }
        } finally {
            stores.clear();
            lives.clear();
            database.close();
        }
    }

    /** This test's database. */
    TestDatabase database() {
        return database;
    }

    /** Node {@code node}'s store, its lease begun and held for {@link #HELD}; closed after the test. */
    PostgresStore start(String node) throws SQLException {
        PostgresStore store = PostgresStore.open(database.url(), node);
        stores.add(store);
        lives.put(node, store.leases().orElseThrow().begin(node, HELD));
        return store;
    }

    /** The life {@link #start} began for {@code node}. */
    long life(String node) {
        Long life = lives.get(node);
        if (life == null) {
            throw new IllegalStateException("node " + node + " was not started: start(\"" + node + "\") first");
        }
        return life;
    }

    /** Appends {@code event} through {@code store}'s event log and waits until it is stored. */
    static void append(PostgresStore store, RoomEvent event) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(event, (stored, error) -> {
            if (error == null) {
                placed.complete(stored);
            } else {
                placed.completeExceptionally(error);
            }
        });
        placed.join();
    }
}
