package io.parley.store;

import io.parley.core.room.RoomRecord;
import io.parley.core.room.RoomStore;
import io.parley.core.room.RoomTopic;
import io.parley.core.text.NameKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Rooms in SQLite's {@code rooms} table. Thread-safe; see {@link RoomStore}. */
final class SqliteRoomStore implements RoomStore {

    private final SqliteStore store;

    SqliteRoomStore(SqliteStore store) {
        this.store = store;
    }

    @Override
    public List<RoomRecord> loadAll() {
        return store.<List<RoomRecord>>query(connection -> {
            List<RoomRecord> rooms = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT ref, name FROM rooms ORDER BY ref")) {
                while (rows.next()) {
                    rooms.add(new RoomRecord(rows.getInt(1), rows.getString(2)));
                }
            }
            return rooms;
        }).join();
    }

    @Override
    public CompletionStage<Optional<RoomRecord>> find(String name) {
        return store.query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT ref, name FROM rooms WHERE name_key = ?")) {
                select.setString(1, NameKeys.key(name));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new RoomRecord(rows.getInt(1), rows.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<RoomRecord> create(String name) {
        return store.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rooms (name, name_key, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setString(2, NameKeys.key(name));
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new RoomRecord(keys.getInt(1), name);
                }
            }
        });
    }

    @Override
    public CompletionStage<Boolean> removeIfEmpty(int ref) {
        // The directory row goes first (RoomDirectory removes it before asking), so nothing but
        // messages can still point at the room; AUTOINCREMENT never hands its ref out again.
        return store.query(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM rooms WHERE ref = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE room_ref = ?)")) {
                delete.setInt(1, ref);
                delete.setInt(2, ref);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<RoomTopic> loadTopics() {
        return store.query(JdbcRoomTopics::load).join();
    }

    @Override
    public CompletionStage<Void> setTopic(RoomTopic topic) {
        return store.query(connection -> JdbcRoomTopics.set(connection, topic));
    }

    @Override
    public CompletionStage<Void> clearTopic(int ref) {
        return store.query(connection -> JdbcRoomTopics.clear(connection, ref));
    }

    @Override
    public CompletionStage<Boolean> redact(int ref, long sequence, String by, java.time.Instant at) {
        return store.query(connection -> JdbcRedactions.redact(connection, ref, sequence, by, at));
    }
}
