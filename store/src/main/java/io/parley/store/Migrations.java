package io.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied in order at start-up. The schema version lives in
 * SQLite's {@code PRAGMA user_version}; migration N is the resource
 * {@code db/migration/V<N>__*.sql}, listed in {@link #SCRIPTS}, and runs in one transaction.
 * (A dozen lines here do what a migration library would, without its weight.)
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /**
     * Migration scripts in version order: index 0 is version 1. Append, never edit or reorder:
     * a database records only its version number, so a script that moves runs against a
     * database that already holds it (or skips one that does not).
     */
    static final List<String> SCRIPTS = List.of("V1__rooms_and_messages.sql", "V2__directory.sql",
            "V3__accounts.sql", "V4__room_sequence.sql", "V5__room_topics.sql",
            "V6__private_message_guests.sql", "V7__redactions.sql", "V8__room_modes.sql");

    private Migrations() {}

    static void apply(Connection connection) throws SQLException {
        int current = userVersion(connection);
        if (current > SCRIPTS.size()) {
            throw new SQLException("the database has schema version " + current
                    + ", newer than this Parley knows (" + SCRIPTS.size() + ")");
        }
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String script = SCRIPTS.get(version - 1);
            // SQL's own transaction, as StoreWriter's: the driver's connection stays in autocommit.
            List<String> commands = statements(read(script)); // read before the transaction: it may throw unchecked
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : commands) {
                        statement.execute(sql);
                    }
                    statement.execute("PRAGMA user_version = " + version);
                    statement.execute("COMMIT");
                } catch (SQLException e) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                    throw e;
                }
            }
            log.info("Applied schema migration {}", script);
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** Splits a script on semicolons at line ends; the scripts hold no semicolons inside strings. */
    private static List<String> statements(String script) {
        String withoutComments = script.replaceAll("(?m)--.*$", "");
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .toList();
    }

    private static String read(String script) {
        String resource = "/db/migration/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
