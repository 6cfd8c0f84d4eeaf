package io.parley.store.postgresql;

import io.parley.core.room.RoomRecord;
import io.parley.core.room.RoomStore;
import io.parley.core.room.RoomTopic;
import io.parley.store.JdbcRoomTopics;
import io.parley.store.JdbcRedactions;
import io.parley.core.text.NameKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Rooms in PostgreSQL's {@code rooms} table, shared by every node. A name is created once across
 * the cluster: the insert is {@code ON CONFLICT (name_key) DO NOTHING}, so of two nodes creating
 * one name at once, one gets the room and the other a refusal (its registry then finds the room
 * the first made) without an error in its transaction. Thread-safe; see {@link RoomStore}.
 */
final class PgRoomStore implements RoomStore {

    private final PostgresStore store;

    PgRoomStore(PostgresStore store) {
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
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rooms (name, name_key, created_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name_key) DO NOTHING RETURNING ref")) {
                insert.setString(1, name);
                insert.setString(2, NameKeys.key(name));
                insert.setLong(3, System.currentTimeMillis());
                try (ResultSet rows = insert.executeQuery()) {
                    if (!rows.next()) {
                        throw new PostgresStore.Refused("a room with that name exists");
                    }
                    return new RoomRecord(rows.getInt(1), name);
                }
            }
        });
    }

    @Override
    public CompletionStage<Boolean> removeIfEmpty(int ref) {
        // The directory row goes first (RoomDirectory removes it before asking); the identity
        // column never hands the ref out again.
        return store.queryLocking(ref, connection -> {
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
