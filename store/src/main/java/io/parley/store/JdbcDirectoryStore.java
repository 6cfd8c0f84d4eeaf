package io.parley.store;

import io.parley.core.directory.DirectoryEntry;
import io.parley.core.directory.DirectoryStore;
import io.parley.core.text.NameKeys;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The chat room directory in the {@code directory} table, the same SQL for SQLite and
 * PostgreSQL, every statement on the store's writing thread ({@link JdbcWrites}). Its unique
 * name and group constraints refuse a clashing {@link #add} (in a cluster, another node's).
 * Thread-safe; see {@link DirectoryStore}.
 */
public final class JdbcDirectoryStore implements DirectoryStore {

    private static final String INSERT = "INSERT INTO directory (name_key, name, address, port, room_ref, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcWrites writes;

    public JdbcDirectoryStore(JdbcWrites writes) {
        this.writes = writes;
    }

    @Override
    public List<DirectoryEntry> loadAll() {
        return writes.query(connection -> JdbcRows.all(connection, "SELECT name, address, port, room_ref FROM directory",
                row -> new DirectoryEntry(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4)))).join();
    }

    @Override
    public CompletionStage<Void> add(DirectoryEntry entry) {
        return writes.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, NameKeys.key(entry.name()));
                insert.setString(2, entry.name());
                insert.setString(3, entry.address());
                insert.setInt(4, entry.port());
                insert.setInt(5, entry.roomRef());
                insert.setLong(6, System.currentTimeMillis());
                insert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public CompletionStage<Void> remove(DirectoryEntry entry) {
        return writes.query(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM directory WHERE name_key = ?")) {
                delete.setString(1, NameKeys.key(entry.name()));
                delete.executeUpdate();
                return null;
            }
        });
    }
}
