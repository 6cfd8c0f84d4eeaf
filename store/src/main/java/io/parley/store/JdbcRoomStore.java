package io.parley.store;

import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomRecord;
import io.parley.core.room.RoomStore;
import io.parley.core.room.RoomTopic;
import io.parley.core.text.NameKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rooms in the {@code rooms} table (and their topics, {@link JdbcRoomTopics}, and modes,
 * {@link JdbcRoomModes}), the same SQL for
 * SQLite and PostgreSQL, every statement on the store's writing thread ({@link JdbcWrites}). A
 * name is created once: the insert is {@code ON CONFLICT (name_key) DO NOTHING RETURNING ref}, so
 * of two creations of one name (two nodes of a cluster at once) one gets the room and the other a
 * refusal ({@link WriteRefusedException}; its registry then finds the room the first made)
 * without an error in its transaction. A ref is never handed out again (SQLite's AUTOINCREMENT,
 * PostgreSQL's identity column). Thread-safe; see {@link RoomStore}.
 */
public final class JdbcRoomStore implements RoomStore {

    private static final String INSERT = "INSERT INTO rooms (name, name_key, created_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (name_key) DO NOTHING RETURNING ref";

    /** Where a cluster node reads the members other nodes have in a room; a single node has none. */
    public interface OtherNodesMembers {
        OtherNodesMembers NONE = ref -> CompletableFuture.completedFuture(List.of());

        CompletionStage<List<MemberRef>> membersOf(int ref);
    }

    private final JdbcWrites writes;
    private final OtherNodesMembers otherNodes;

    public JdbcRoomStore(JdbcWrites writes) {
        this(writes, OtherNodesMembers.NONE);
    }

    public JdbcRoomStore(JdbcWrites writes, OtherNodesMembers otherNodes) {
        this.writes = writes;
        this.otherNodes = otherNodes;
    }

    @Override
    public List<RoomRecord> loadAll() {
        return writes.query(connection -> JdbcRows.all(connection, "SELECT ref, name FROM rooms ORDER BY ref",
                row -> new RoomRecord(row.getInt(1), row.getString(2)))).join();
    }

    @Override
    public CompletionStage<List<MemberRef>> otherNodesMembers(int ref) {
        return otherNodes.membersOf(ref);
    }

    @Override
    public CompletionStage<Optional<RoomRecord>> find(String name) {
        return writes.query(connection -> {
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
        return writes.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, name);
                insert.setString(2, NameKeys.key(name));
                insert.setLong(3, System.currentTimeMillis());
                try (ResultSet rows = insert.executeQuery()) {
                    if (!rows.next()) {
                        throw new WriteRefusedException("a room with that name exists");
                    }
                    return new RoomRecord(rows.getInt(1), name);
                }
            }
        });
    }

    @Override
    public CompletionStage<Boolean> removeIfEmpty(int ref) {
        // The directory row goes first (RoomDirectory removes it before asking), so nothing but
        // messages can still point at the room.
        return writes.queryLocking(ref, connection -> {
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
        return writes.query(JdbcRoomTopics::load).join();
    }

    @Override
    public CompletionStage<Void> setTopic(RoomTopic topic) {
        return writes.query(connection -> JdbcRoomTopics.set(connection, topic));
    }

    @Override
    public CompletionStage<Void> clearTopic(int ref) {
        return writes.query(connection -> JdbcRoomTopics.clear(connection, ref));
    }

    @Override
    public List<io.parley.core.room.RoomModes> loadModes() {
        return writes.query(JdbcRoomModes::load).join();
    }

    @Override
    public CompletionStage<Optional<io.parley.core.room.RoomModes>> loadModes(int ref) {
        return writes.query(connection -> JdbcRoomModes.load(connection, ref));
    }

    @Override
    public CompletionStage<Void> changeModes(io.parley.core.room.RoomModes.Change change) {
        return writes.query(connection -> JdbcRoomModes.change(connection, change));
    }

    @Override
    public CompletionStage<Boolean> redact(int ref, long sequence, String by, java.time.Instant at) {
        return writes.query(connection -> JdbcRedactions.redact(connection, ref, sequence, by, at));
    }
}
