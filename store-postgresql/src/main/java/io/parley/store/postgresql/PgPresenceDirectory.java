package io.parley.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.core.account.PresenceDirectory;
import io.parley.core.account.RegisteredNames;
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
 * and is refused. A line or TCD user's name is a shared hold ({@code shared_names}, V8), which a
 * claim of another life is refused over, and the reverse; both take the name's advisory lock
 * first, so the two cannot pass each other's check at once. An owner's take locks the row it replaces ({@code SELECT ... FOR UPDATE}, then
 * the upsert, in one transaction) to return the holder before it. Rows are held by the node's current life ({@link PostgresStore#life()});
 * {@link PgNodeLeases} deletes a dead life's rows when it claims its lease.
 *
 * <p>Thread-safe. Releases run on a thread of their own ({@code parley-presence}), in order. The
 * look-ups users' commands make ({@link #holders}, {@link #names}) run on two threads of their
 * own ({@code parley-presence-lookup}), never on the caller's (an event loop, the store's writing
 * thread), with at most {@link #LOOKUPS_WAITING} waiting: past that a look-up fails at once
 * (the caller counts the name as offline elsewhere) rather than queue without bound. The
 * entries of names ({@link #entries}) have two threads of their own ({@code parley-presence-entry}),
 * at most {@link #ENTRIES_WAITING} waiting: past that an entry is refused (the user is told to
 * try again), never answered as a name in use.
 */
final class PgPresenceDirectory implements PresenceDirectory {

    private static final Logger log = LoggerFactory.getLogger(PgPresenceDirectory.class);

    /** How many look-ups may wait for a thread before more are refused. */
    static final int LOOKUPS_WAITING = 1024;

    /** Taken unless another life shares the name (line, TCD) or holds it; run under the name's lock. */
    private static final String CLAIM = "INSERT INTO online_names (name_key, name, node, life, token, guest)"
            + " SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM shared_names WHERE name_key = ? AND life <> ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, token = EXCLUDED.token, guest = EXCLUDED.guest"
            + " WHERE online_names.life = EXCLUDED.life RETURNING token";
    /**
     * One name's lock, until the transaction ends: a claim and a shared hold of one name
     * serialize on it (a hash collision only makes two names wait for each other). The two-key
     * form, whose space is apart from the migrations' one-key lock.
     */
    private static final String LOCK_NAME = "SELECT pg_advisory_xact_lock(" + 0x6e616d65 + ", hashtext(?))";
    /** A shared hold, unless another life holds the name as its own; run under the name's lock. */
    private static final String SHARE = "INSERT INTO shared_names (name_key, name, node, life, token)"
            + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM online_names WHERE name_key = ? AND life <> ?)";
    private static final String UNSHARE = "DELETE FROM shared_names WHERE life = ? AND token = ?";
    private static final String COUNT = "SELECT count(*) FROM online_names";
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
    /** The account registered under a name, or under one that looks like it (V8's keys). */
    private static final String REGISTERED = "SELECT name FROM accounts WHERE name_key = ? UNION ALL"
            + " (SELECT a.name FROM account_lookalikes l JOIN accounts a ON a.name_key = l.account_key"
            + " WHERE l.lookalike_key IN (?, ?) LIMIT 1) LIMIT 1";

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

    /** How many entries of a name may wait for a thread before more are refused (the user is told to try again). */
    static final int ENTRIES_WAITING = 256;
    private final AtomicInteger entryThreads = new AtomicInteger();
    /**
     * The entries' own threads: a burst of look-ups (WHOIS, ISON, MONITOR) must not crowd out
     * the claims of nicks, nor the reverse.
     */
    private final ThreadPoolExecutor entries = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(ENTRIES_WAITING), runnable -> {
                Thread thread = new Thread(runnable, "parley-presence-entry-" + entryThreads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    PgPresenceDirectory(PostgresStore store, HikariDataSource pool) {
        this.store = store;
        this.pool = pool;
    }

    @Override
    public boolean claim(String name, long token, String guest) {
        return underNameLock(name, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
                insert.setString(1, NameKeys.key(name));
                insert.setString(2, name);
                insert.setString(3, store.node());
                insert.setLong(4, store.life());
                insert.setLong(5, token);
                insert.setString(6, guest);
                insert.setString(7, NameKeys.key(name));
                insert.setLong(8, store.life());
                try (ResultSet row = insert.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public boolean share(String name, long token) {
        return underNameLock(name, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(SHARE)) {
                hold(insert, name, token);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void unshare(String name, long token) {
        long life = store.life();
        later(name, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(UNSHARE)) {
                delete.setLong(1, life);
                delete.setLong(2, token);
                return delete.executeUpdate();
            }
        }, () -> { });
    }

    @Override
    public CompletionStage<Integer> count() {
        return later(connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    /** The parameters of {@link #CLAIM} and {@link #SHARE}: the hold, then the name and life the other kind is checked against. */
    private void hold(PreparedStatement insert, String name, long token) throws SQLException {
        insert.setString(1, NameKeys.key(name));
        insert.setString(2, name);
        insert.setString(3, store.node());
        insert.setLong(4, store.life());
        insert.setLong(5, token);
        insert.setString(6, NameKeys.key(name));
        insert.setLong(7, store.life());
    }

    /** {@code work} in one transaction holding {@code name}'s lock ({@link #LOCK_NAME}). */
    private <T> T underNameLock(String name, Work<T> work) {
        return call(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(LOCK_NAME)) {
                lock.setString(1, NameKeys.key(name));
                lock.execute();
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
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
    public void release(String name, long token, Runnable freed) {
        long life = store.life();
        later(name, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(RELEASE)) {
                delete.setString(1, NameKeys.key(name));
                delete.setLong(2, life);
                delete.setLong(3, token);
                return delete.executeUpdate();
            }
        }, freed);
    }

    /**
     * Runs a release of {@code name} on {@code parley-presence}, in order, never on the caller's
     * thread, then {@code freed} if it deleted a row (or the store deletes this life's names as
     * it closes).
     */
    private void later(String name, Work<Integer> delete, Runnable freed) {
        try {
            releases.execute(() -> {
                int deleted;
                try {
                    deleted = call(delete);
                } catch (RuntimeException e) {
                    // The row stays until this node's life ends: the name looks taken meanwhile.
                    log.warn("Could not free the name {} in the cluster: {}", name, e.getMessage());
                    return;
                }
                if (deleted > 0) {
                    freed.run();
                }
            });
        } catch (RejectedExecutionException e) {
            freed.run(); // closing: the store deletes this life's names as it closes
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
            try (PreparedStatement select = connection.prepareStatement(REGISTERED)) {
                List<String> keys = RegisteredNames.lookalikeKeys(name);
                select.setString(1, NameKeys.key(name));
                select.setString(2, keys.get(0));
                select.setString(3, keys.get(1));
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

    /** The entries' threads, apart from the look-ups'; refuses a task past {@link #ENTRIES_WAITING}. */
    @Override
    public java.util.concurrent.Executor entries() {
        return entries;
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
        entries.shutdown();
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
