package io.parley.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.core.account.PresenceDirectory;
import io.parley.core.text.NameKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Thread-safe. Releases run on a thread of their own ({@code parley-presence}), in order.
 */
final class PgPresenceDirectory implements PresenceDirectory {

    private static final Logger log = LoggerFactory.getLogger(PgPresenceDirectory.class);

    private static final String CLAIM = "INSERT INTO online_names (name_key, name, node, life, token) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, token = EXCLUDED.token"
            + " WHERE online_names.life = EXCLUDED.life RETURNING token";
    /** The holder an owner's take replaces, locked until the take commits. */
    private static final String BEFORE_TAKE = "SELECT name, node, life, token FROM online_names WHERE name_key = ? FOR UPDATE";
    private static final String TAKE = "INSERT INTO online_names (name_key, name, node, life, token, keyed) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, node = EXCLUDED.node,"
            + " life = EXCLUDED.life, token = EXCLUDED.token, keyed = EXCLUDED.keyed";
    private static final String RELEASE = "DELETE FROM online_names WHERE name_key = ? AND life = ? AND token = ?";
    /** A holder, with its account's public key if it reads encrypted private messages. */
    private static final String HOLDER = "SELECT o.name, o.node, o.life, o.token, CASE WHEN o.keyed THEN a.public_key END"
            + " FROM online_names o LEFT JOIN accounts a ON a.name_key = o.name_key WHERE o.name_key = ?";
    private static final String NAMES = "SELECT name FROM online_names";

    private final PostgresStore store;
    private final HikariDataSource pool;
    private final ExecutorService releases = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-presence");
        thread.setDaemon(true);
        return thread;
    });

    PgPresenceDirectory(PostgresStore store, HikariDataSource pool) {
        this.store = store;
        this.pool = pool;
    }

    @Override
    public boolean claim(String name, long token) {
        return call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
                insert.setString(1, NameKeys.key(name));
                insert.setString(2, name);
                insert.setString(3, store.node());
                insert.setLong(4, store.life());
                insert.setLong(5, token);
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
                            row.getLong(4), Optional.empty())) : Optional.empty();
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
                    return row.next() ? Optional.of(new Holder(row.getString(1), row.getString(2), row.getLong(3),
                            row.getLong(4), Optional.ofNullable(row.getString(5)))) : Optional.<Holder>empty();
                }
            }
        });
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
    public List<String> names() {
        return call(connection -> {
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
