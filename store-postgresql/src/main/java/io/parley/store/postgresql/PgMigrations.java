package io.parley.store.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's versions, applied in order at start-up: the SQLite store's mechanism
 * ({@code io.parley.store.Migrations}: an append-only list of scripts, the database records the
 * last applied) carried over to PostgreSQL, rather than Flyway. A dozen lines do it, Flyway 13
 * would bring Jackson and its TOML parser into the server jar, and the two stores then keep their
 * history the same way.
 *
 * <p>PostgreSQL changes its schema inside transactions, so each script and its row in
 * {@code schema_version} commit together or not at all. Nodes that start at the same time take
 * a transaction-scoped advisory lock first: one migrates, the others wait for it, then find
 * nothing left to do.
 */
final class PgMigrations {

    private static final Logger log = LoggerFactory.getLogger(PgMigrations.class);

    /**
     * Script resources in version order, each named {@code V<version>__*.sql}. Append, never edit or
     * reorder. A database records only its highest version, so a version is never
     * applied after a later one.
     */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__room_topics.sql", "V3__node_leases.sql",
            "V4__online_names.sql", "V5__private_message_guests.sql", "V6__redactions.sql",
            "V7__online_name_guests.sql", "V8__cluster_names.sql", "V9__room_modes.sql");

    /** The advisory lock's key: any constant, the same on every node ("parley" in ASCII). */
    static final long LOCK_KEY = 0x7061726c6579L;

    private PgMigrations() {}

    /** Brings the schema to the last version. Blocks; {@code connection} is in auto-commit mode. */
    static void apply(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                    + " script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int current = version(statement);
            int last = versionOf(SCRIPTS.get(SCRIPTS.size() - 1));
            if (current > last) {
                throw new SQLException("the database has schema version " + current
                        + ", newer than this Parley knows (" + last + ")");
            }
            for (String script : SCRIPTS) {
                int version = versionOf(script);
                if (version <= current) {
                    continue;
                }
                statement.execute(read(script)); // the simple query protocol runs a whole script
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, script) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.executeUpdate();
                }
                log.info("Applied schema migration {}", script);
            }
            connection.commit(); // releases the lock
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The version a script's name gives: {@code V8__cluster_names.sql} is 8. */
    static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    static int version(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String read(String script) {
        String resource = "/db/postgresql/" + script;
        try (InputStream in = PgMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
