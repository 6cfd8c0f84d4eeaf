package io.parley.store.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres) for
 * one test or test class, dropped after it: tests never see each other's data. When PostgreSQL is
 * not running the test fails saying how to start it.
 */
final class TestDatabase implements AutoCloseable {

    static final String SERVER = "127.0.0.1:5432";
    static final String HOW_TO_START = "start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`"
            + " (Debian's postgresql package; .ci/run does this when it is not running), with trust auth for user"
            + " postgres on 127.0.0.1";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    static TestDatabase create() {
        String name = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("These tests need PostgreSQL on " + SERVER + " and could not create a"
                    + " database there (" + PostgresStore.oneLine(e.getMessage()) + "): " + HOW_TO_START, e);
        }
        return new TestDatabase(name);
    }

    /** The store address of this database, as {@code --store} takes it. */
    String url() {
        return "postgresql://" + SERVER + "/" + name + "?user=postgres";
    }

    String name() {
        return name;
    }

    /** A plain connection to this database, for looking behind the store's back. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name + "?user=postgres");
    }

    /** Ends every connection the stores hold to this database, as a PostgreSQL restart would. */
    int terminateConnections() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement();
                var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres?user=postgres");
    }
}
