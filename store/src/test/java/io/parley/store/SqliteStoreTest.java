package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path data;

    @Test
    void roomsKeepTheirRefsAcrossARestart() throws Exception {
        int ref;
        try (SqliteStore store = SqliteStore.open(data)) {
            store.rooms().create("room1").toCompletableFuture().join();
            ref = store.rooms().create("room2").toCompletableFuture().join().ref();
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            assertThat(store.rooms().loadAll()).extracting(RoomRecord::name).containsExactly("room1", "room2");
            assertThat(store.rooms().loadAll()).filteredOn(r -> r.name().equals("room2"))
                    .extracting(RoomRecord::ref).containsExactly(ref);
        }
    }

    @Test
    void aSecondRoomWithTheSameFoldedNameIsRefused() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.rooms().create("Lobby").toCompletableFuture().join();

            assertThatThrownBy(() -> store.rooms().create("lobby").toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class);
            assertThat(store.rooms().create("other").toCompletableFuture().join().name()).isEqualTo("other");
        }
    }

    @Test
    void appendedMessagesAreStoredAndCalledBackInOrder() throws Exception {
        List<Long> calledBack = new CopyOnWriteArrayList<>();
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomRecord record = store.rooms().create("r").toCompletableFuture().join();
            Room room = new Room(record.ref(), record.name());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (long id = 1; id <= 300; id++) {
                long messageId = id;
                CompletableFuture<Void> stored = new CompletableFuture<>();
                all.add(stored);
                ChatMessage message = new ChatMessage(id, Instant.ofEpochMilli(id), room.ref(), "alice",
                        ChatMessage.Kind.CHAT, "text " + id);
                store.events().append(new RoomEvent.Posted(room, message), error -> {
                    calledBack.add(messageId);
                    stored.complete(null);
                });
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            assertThat(store.events().lastMessageId()).isEqualTo(300);
        }
        assertThat(calledBack).isSorted().hasSize(300);
        try (SqliteStore store = SqliteStore.open(data)) {
            assertThat(store.events().lastMessageId()).isEqualTo(300);
        }
    }

    @Test
    void aFailedAppendIsReportedWithoutFailingItsNeighbours() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomRecord record = store.rooms().create("r").toCompletableFuture().join();
            Room room = new Room(record.ref(), record.name());
            Room missing = new Room(999, "missing");
            List<Throwable> outcomes = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> last = new CompletableFuture<>();
            store.events().append(posted(room, 1), outcomes::add);
            store.events().append(posted(missing, 2), outcomes::add); // foreign key violation
            store.events().append(posted(room, 3), error -> {
                outcomes.add(error);
                last.complete(null);
            });
            last.join();

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0)).isNull();
            assertThat(outcomes.get(1)).isNotNull();
            assertThat(outcomes.get(2)).isNull();
            assertThat(store.events().lastMessageId()).isEqualTo(3);
        }
    }

    @Test
    void theSchemaIsMigratedOnceAndRecordsItsVersion() throws Exception {
        SqliteStore.open(data).close();
        SqliteStore.open(data).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
        }
    }

    private static RoomEvent posted(Room room, long id) {
        return new RoomEvent.Posted(room, new ChatMessage(id, Instant.now(), room.ref(), "a", ChatMessage.Kind.CHAT, "t"));
    }
}
