package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.HistoryEntry;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that schema version 3 left (messages numbered by global id only, login sessions as
 * ranges of those ids) gains per-room sequence numbers in id order, and its sessions cover the
 * same lobby messages as before.
 */
class RoomSequenceMigrationTest {

    @TempDir
    Path data;

    @Test
    void existingMessagesAreNumberedInIdOrderPerRoomAndSessionsKeepTheirMessages() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            store.rooms().create("lobby").toCompletableFuture().join(); // ref 1
            store.rooms().create("other").toCompletableFuture().join(); // ref 2
        }
        // Back to version 3: the messages and sessions tables as it made them, with its rows.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE room_mode_entries"); // version 8's
            statement.execute("DROP TABLE room_modes");
            statement.execute("ALTER TABLE private_messages DROP COLUMN redacted_at"); // version 7's
            statement.execute("DROP INDEX private_messages_by_pair"); // version 6's
            statement.execute("DROP INDEX private_messages_by_pair_received");
            statement.execute("ALTER TABLE private_messages DROP COLUMN sender_guest");
            statement.execute("ALTER TABLE private_messages DROP COLUMN recipient_guest");
            statement.execute("DROP TABLE room_topics"); // version 5's
            statement.execute("DROP TABLE messages");
            statement.execute("DROP TABLE sessions");
            statement.execute("""
                    CREATE TABLE messages (id INTEGER PRIMARY KEY, room_ref INTEGER NOT NULL REFERENCES rooms (ref),
                    sent_at INTEGER NOT NULL, author TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('CHAT', 'JOIN', 'LEAVE')), text TEXT NOT NULL)""");
            statement.execute("CREATE INDEX messages_by_room ON messages (room_ref, id)");
            statement.execute("""
                    CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_key TEXT NOT NULL REFERENCES accounts (name_key),
                    from_id INTEGER NOT NULL, to_id INTEGER)""");
            // lobby: ids 1, 3, 4, 7; other: ids 2, 5, 6
            int[][] rows = {{1, 1}, {2, 2}, {3, 1}, {4, 1}, {5, 2}, {6, 2}, {7, 1}};
            for (int[] row : rows) {
                statement.execute("INSERT INTO messages VALUES (" + row[0] + ", " + row[1] + ", " + 1000 * row[0]
                        + ", 'bob', 'CHAT', 'm" + row[0] + "')");
            }
            // Logged in after id 2 until id 5: lobby messages 3 and 4. Then a session a crash left open after 6.
            statement.execute("INSERT INTO sessions (user_key, from_id, to_id) VALUES ('alice', 2, 5)");
            statement.execute("INSERT INTO sessions (user_key, from_id, to_id) VALUES ('alice', 6, NULL)");
            statement.execute("PRAGMA user_version = 3");
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id, room_ref, seq FROM messages ORDER BY id")) {
                List<String> numbered = new ArrayList<>();
                while (rows.next()) {
                    numbered.add(rows.getLong(1) + ":" + rows.getInt(2) + ":" + rows.getLong(3));
                }
                assertThat(numbered).containsExactly("1:1:1", "2:2:1", "3:1:2", "4:1:3", "5:2:2", "6:2:3", "7:1:4");
            }
            assertThat(store.history().history("alice", 1).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).as("the sessions' lobby messages, as before")
                    .containsExactly("m3", "m4", "m7");

            Room lobby = new Room(1, "lobby");
            CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
            store.events().append(Drafts.posted(lobby, new ChatMessage(0, Instant.now(), 1, "bob", ChatMessage.Kind.CHAT,
                    "new")), (event, error) -> placed.complete(event));
            assertThat(placed.join().sequence()).as("numbering goes on").isEqualTo(5);
            assertThat(placed.join().message().orElseThrow().id()).isEqualTo(8);
        }
    }
}
