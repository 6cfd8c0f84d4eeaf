package io.parley.store.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.core.NodeLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NodeLeases} in the {@code node_leases} table (V3), each call one autocommitted statement
 * on a pooled connection of its own (never the writer's: a renewal must not wait behind a batch).
 * Times are PostgreSQL's {@code now()}, so the nodes' clocks need not agree. A claim is one
 * conditional {@code UPDATE}: under READ COMMITTED, a second node's update of the same row waits
 * for the first's commit and then re-checks its {@code WHERE} on the claimed row, which no longer
 * matches, so each dead life has one claimer.
 *
 * <p>Thread-safe. {@link #close} (a clean stop) deletes the lives this store began; after it the
 * calls do nothing.
 */
final class PgNodeLeases implements NodeLeases {

    private static final String BEGIN_EXPIRE_EARLIER =
            "UPDATE node_leases SET expires_at = '-infinity' WHERE node = ? AND claimed_by IS NULL";
    private static final String BEGIN =
            "INSERT INTO node_leases (node, expires_at) VALUES (?, now() + make_interval(secs => ?)) RETURNING life";
    private static final String RENEW = "UPDATE node_leases SET expires_at = now() + make_interval(secs => ?)"
            + " WHERE life = ? AND claimed_by IS NULL";
    private static final String CLAIM = "UPDATE node_leases n SET claimed_by = ?, claimed_at = now()"
            + " WHERE n.node <> ? AND n.expires_at < now()"
            + " AND (n.claimed_by IS NULL OR n.claimed_at < now() - make_interval(secs => ?))"
            + " RETURNING n.node, n.life,"
            + " NOT EXISTS (SELECT 1 FROM node_leases later WHERE later.node = n.node AND later.life > n.life)";
    private static final String RELEASE = "DELETE FROM node_leases WHERE life = ?";
    private static final String EARLIER = "SELECT count(*) FROM node_leases WHERE node = ? AND life < ?";
    private static final String DROP_EARLIER = "DELETE FROM node_leases WHERE node = ? AND life < ?";

    private static final String MEMBERS = "SELECT m.room_ref, r.name, m.member_id, m.name FROM room_members m"
            + " JOIN rooms r ON r.ref = m.room_ref WHERE m.node = ? AND m.life = ? ORDER BY m.room_ref, m.member_id";
    private static final String DROP_EARLIER_MEMBERS = "DELETE FROM room_members WHERE node = ? AND life < ?";
    /** A dead (or stopped) life's online names are free at once: its users are gone. */
    private static final String FREE_NAMES = "DELETE FROM online_names WHERE life = ?";
    private static final String FREE_EARLIER_NAMES = "DELETE FROM online_names WHERE node = ? AND life < ?";
    /** Likewise its line and TCD users' shared names. */
    private static final String FREE_SHARED_NAMES = "DELETE FROM shared_names WHERE life = ?";
    private static final String FREE_EARLIER_SHARED_NAMES = "DELETE FROM shared_names WHERE node = ? AND life < ?";

    private final PostgresStore store;
    private final HikariDataSource pool;
    private final PgHistoryStore history;
    private final Set<Long> begun = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PgNodeLeases(PostgresStore store, HikariDataSource pool, PgHistoryStore history) {
        this.store = store;
        this.pool = pool;
        this.history = history;
    }

    @Override
    public long begin(String node, Duration lease) {
        return call(connection -> {
            try (PreparedStatement expire = connection.prepareStatement(BEGIN_EXPIRE_EARLIER);
                    PreparedStatement insert = connection.prepareStatement(BEGIN)) {
                expire.setString(1, node);
                expire.executeUpdate();
                insert.setString(1, node);
                insert.setDouble(2, seconds(lease));
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    long life = row.getLong(1);
                    begun.add(life);
                    store.life(life); // this node's joins are listed in room_members from now on
                    return life;
                }
            }
        });
    }

    @Override
    public boolean renew(long life, Duration lease) {
        if (closed) {
            return true;
        }
        return call(connection -> {
            try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
                renew.setDouble(1, seconds(lease));
                renew.setLong(2, life);
                return renew.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Expired> claimExpired(String claimer, Duration claimTimeout) {
        if (closed) {
            return List.of();
        }
        List<Expired> claimed = call(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM);
                    PreparedStatement freeNames = connection.prepareStatement(FREE_NAMES);
                    PreparedStatement freeShared = connection.prepareStatement(FREE_SHARED_NAMES)) {
                claim.setString(1, claimer);
                claim.setString(2, claimer);
                claim.setDouble(3, seconds(claimTimeout));
                List<Expired> found = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Expired(rows.getString(1), rows.getLong(2)));
                        if (rows.getBoolean(3)) {
                            // Its name's last life: nobody restarted under it to close its sessions.
                            history.closeSessionsLeftOpen(rows.getString(1));
                        }
                    }
                }
                for (Expired dead : found) {
                    freeNames.setLong(1, dead.life());
                    freeNames.executeUpdate();
                    freeShared.setLong(1, dead.life());
                    freeShared.executeUpdate();
                }
                return found;
            }
        });
        return claimed;
    }

    @Override
    public void release(long life) {
        call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(RELEASE);
                    PreparedStatement freeNames = connection.prepareStatement(FREE_NAMES);
                    PreparedStatement freeShared = connection.prepareStatement(FREE_SHARED_NAMES)) {
                freeNames.setLong(1, life);
                freeNames.executeUpdate();
                freeShared.setLong(1, life);
                freeShared.executeUpdate();
                delete.setLong(1, life);
                return delete.executeUpdate();
            }
        });
        begun.remove(life);
    }

    @Override
    public int earlierLives(String node, long life) {
        return call(connection -> {
            try (PreparedStatement count = connection.prepareStatement(EARLIER)) {
                count.setString(1, node);
                count.setLong(2, life);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public List<GoneMember> members(Expired dead) {
        return call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(MEMBERS)) {
                select.setString(1, dead.node());
                select.setLong(2, dead.life());
                List<GoneMember> members = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new GoneMember(rows.getInt(1), rows.getString(2), rows.getLong(3), rows.getString(4)));
                    }
                }
                return members;
            }
        });
    }

    @Override
    public int dropEarlierLives(String node, long life) {
        return call(connection -> {
            try (PreparedStatement members = connection.prepareStatement(DROP_EARLIER_MEMBERS);
                    PreparedStatement names = connection.prepareStatement(FREE_EARLIER_NAMES);
                    PreparedStatement shared = connection.prepareStatement(FREE_EARLIER_SHARED_NAMES);
                    PreparedStatement delete = connection.prepareStatement(DROP_EARLIER)) {
                members.setString(1, node);
                members.setLong(2, life);
                members.executeUpdate();
                names.setString(1, node);
                names.setLong(2, life);
                names.executeUpdate();
                shared.setString(1, node);
                shared.setLong(2, life);
                shared.executeUpdate();
                delete.setString(1, node);
                delete.setLong(2, life);
                return delete.executeUpdate();
            }
        });
    }

    /** A clean stop: releases the lives this store began, so no node announces their (departed) members. */
    void close() {
        closed = true;
        for (long life : begun) {
            try {
                release(life);
            } catch (RuntimeException e) {
                // PostgreSQL is away: the lease runs out and another node finds an empty roster
            }
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T call(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the node leases in PostgreSQL cannot be reached now: "
                    + PostgresStore.oneLine(e.getMessage()), e);
        }
    }
}
