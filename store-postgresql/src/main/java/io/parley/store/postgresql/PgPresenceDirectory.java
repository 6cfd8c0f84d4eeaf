package io.parley.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.core.account.PresenceDirectory;
import io.parley.core.text.NameKeys;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PresenceDirectory} in the {@code online_names} table (V4), each call one autocommitted
 * statement on a pooled connection. A claim is {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}
 * the row is this life's: another life's row is left alone and nothing comes back, so of two
 * nodes claiming one name at once, the second waits for the first's commit (the unique index)
 * and is refused. An owner's take locks the row it replaces ({@code SELECT ... FOR UPDATE}, then
 * the upsert, in one transaction) to return the holder before it. Rows are held by the node's current life ({@link PostgresStore#life()});
 * {@link PgNodeLeases} deletes a dead life's rows when it claims its lease.
 *
 * <p>Thread-safe. Releases run on a thread of their own ({@code parley-presence}), in order. The
 * look-ups users' commands make ({@link #holders}, {@link #names}) run on two threads of their
 * own ({@code parley-presence-lookup}), never on the caller's (an event loop, the store's writing
 * thread), with at most {@link #LOOKUPS_WAITING} waiting: past that a look-up fails at once
 * (the caller counts the name as offline elsewhere) rather than queue without bound.
 */
final class PgPresenceDirectory implements PresenceDirectory {

    private static final Logger log = LoggerFactory.getLogger(PgPresenceDirectory.class);

    /** How many look-ups may wait for a thread before more are refused. */
    static final int LOOKUPS_WAITING = 1024;

    private static final String CLAIM = "INSERT INTO online_names (name_key, name, node, life, token, guest) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, token = EXCLUDED.token, guest = EXCLUDED.guest"
            + " WHERE online_names.life = EXCLUDED.life RETURNING token";
    /** The holder an owner's take replaces, locked until the take commits. */
    private static final String BEFORE_TAKE = "SELECT name, node, life, token, guest FROM online_names WHERE name_key = ? FOR UPDATE";
    /** An owner is no guest (V7): its party in history is its account's. */
    private static final String TAKE = "INSERT INTO online_names (name_key, name, node, life, token, keyed, guest)"
            + " VALUES (?, ?, ?, ?, ?, ?, '')"
            + " ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, node = EXCLUDED.node,"
            + " life = EXCLUDED.life, token = EXCLUDED.token, keyed = EXCLUDED.keyed, guest = ''";
    private static final String RELEASE = "DELETE FROM online_names WHERE name_key = ? AND life = ? AND token = ?";
    /** Holders, with their account's public key if they read encrypted private messages. */
    private static final String HOLDERS = "SELECT o.name, o.node, o.life, o.token, CASE WHEN o.keyed THEN a.public_key END, o.guest"
            + " FROM online_names o LEFT JOIN accounts a ON a.name_key = o.name_key";
    private static final String HOLDER = HOLDERS + " WHERE o.name_key = ?";
    private static final String HOLDERS_OF = HOLDERS + " WHERE o.name_key = ANY (?)";
    private static final String NAMES = "SELECT name FROM online_names";

    private final PostgresStore store;
    private final HikariDataSource pool;
    private final ExecutorService releases = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-presence");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger lookupThreads = new AtomicInteger();
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(LOOKUPS_WAITING), runnable -> {
                Thread thread = new Thread(runnable, "parley-presence-lookup-" + lookupThreads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    PgPresenceDirectory(PostgresStore store, HikariDataSource pool) {
        this.store = store;
        this.pool = pool;
    }

    @Override
    public boolean claim(String name, long token, String guest) {
        return call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
                insert.setString(1, NameKeys.key(name));
                insert.setString(2, name);
                insert.setString(3, store.node());
                insert.setLong(4, store.life());
                insert.setLong(5, token);
                insert.setString(6, guest);
                try (ResultSet row = insert.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public Optional<Holder> take(String name, long token, boolean keyed) {
        return call(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement before = connection.prepareStatement(BEFORE_TAKE);
                    PreparedStatement upsert = connection.prepareStatement(TAKE)) {
                before.setString(1, NameKeys.key(name));
                Optional<Holder> replaced;
                try (ResultSet row = before.executeQuery()) {
                    replaced = row.next() ? Optional.of(new Holder(row.getString(1), row.getString(2), row.getLong(3),
                            row.getLong(4), Optional.empty(), row.getString(5))) : Optional.empty();
                }
                upsert.setString(1, NameKeys.key(name));
                upsert.setString(2, name);
                upsert.setString(3, store.node());
                upsert.setLong(4, store.life());
                upsert.setLong(5, token);
                upsert.setBoolean(6, keyed);
                upsert.executeUpdate();
                connection.commit();
                return replaced;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        });
    }

    @Override
    public void release(String name, long token) {
        long life = store.life();
        try {
            releases.execute(() -> {
                try {
                    call(connection -> {
                        try (PreparedStatement delete = connection.prepareStatement(RELEASE)) {
                            delete.setString(1, NameKeys.key(name));
                            delete.setLong(2, life);
                            delete.setLong(3, token);
                            return delete.executeUpdate();
                        }
                    });
                } catch (RuntimeException e) {
                    // The row stays until this node's life ends: the name looks taken meanwhile.
                    log.warn("Could not free the name {} in the cluster: {}", name, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: the store deletes this life's names as it closes.
        }
    }

    @Override
    public Optional<Holder> holder(String name) {
        return call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(HOLDER)) {
                select.setString(1, NameKeys.key(name));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(holder(row)) : Optional.<Holder>empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<Map<String, Holder>> holders(Collection<String> names) {
        String[] keys = names.stream().map(NameKeys::key).distinct().toArray(String[]::new);
        return later(connection -> {
            Map<String, Holder> holders = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(HOLDERS_OF)) {
                Array array = connection.createArrayOf("text", keys);
                select.setArray(1, array);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Holder holder = holder(rows);
                        holders.put(NameKeys.key(holder.name()), holder);
                    }
                }
            }
            return holders;
        });
    }

    private static Holder holder(ResultSet row) throws SQLException {
        return new Holder(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                Optional.ofNullable(row.getString(5)), row.getString(6));
    }

    @Override
    public Optional<String> registered(String name) {
        return call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM accounts WHERE name_key = ?")) {
                select.setString(1, NameKeys.key(name));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<List<String>> names() {
        return later(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(NAMES); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public String node() {
        return store.node();
    }

    @Override
    public long life() {
        return store.life();
    }

    /** Stops taking releases and runs those queued (a clean stop; the leases then delete this life's rows). */
    void close() {
        lookups.shutdown();
        releases.shutdown();
        try {
            releases.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a look-up thread; fails at once if too many wait, or once closed. */
    private <T> CompletionStage<T> later(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            lookups.execute(() -> {
                try {
                    result.complete(call(work));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException(
                    "the cluster's online names cannot be looked up now: too many look-ups waiting", e));
        }
        return result;
    }

    private <T> T call(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's online names in PostgreSQL cannot be reached now: "
                    + PostgresStore.oneLine(e.getMessage()), e);
        }
    }
}
