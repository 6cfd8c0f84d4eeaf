package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.account.AccountRecord;
import io.parley.core.directory.DirectoryChange;
import io.parley.core.directory.DirectoryEntry;
import io.parley.core.directory.RoomDirectory;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.ChatService;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRecord;
import io.parley.core.room.RoomRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDirectoryStoreTest {

    @TempDir
    Path data;

    @Test
    void roomsSurviveARestartWithTheirCoreRefs() throws Exception {
        DirectoryEntry made;
        try (SqliteStore store = SqliteStore.open(data)) {
            ChatService chat = new ChatService(new RoomRegistry(store.rooms()), store.events(), new LocalRoomBus(),
                    Clock.systemUTC());
            RoomDirectory directory = new RoomDirectory(chat, store.directory(), 0);
            made = ((DirectoryChange.Created) directory.make("r1", "239.0.0.1", 5000, "192.0.2.1")
                    .toCompletableFuture().join()).entry();
            directory.make("r2", "239.0.0.2", 5000, "192.0.2.1").toCompletableFuture().join();
            directory.delete("r2").toCompletableFuture().join();
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomRegistry rooms = new RoomRegistry(store.rooms());
            assertThat(store.directory().loadAll()).containsExactly(made);
            assertThat(rooms.byName("r1")).map(Room::ref).contains(made.roomRef());
            assertThat(rooms.byName("r2")).as("deleted, and nobody had used it").isEmpty();
        }
    }

    @Test
    void aRoomThatHoldsMessagesIsKeptAndOneThatDoesNotIsRemoved() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            int quiet = store.rooms().create("quiet").toCompletableFuture().join().ref();
            int spoken = store.rooms().create("spoken").toCompletableFuture().join().ref();
            Room room = new Room(spoken, "spoken");
            CompletableFuture<Throwable> stored = new CompletableFuture<>();
            store.events().append(Drafts.posted(room, new ChatMessage(1, Instant.EPOCH, spoken, "a",
                    ChatMessage.Kind.CHAT, "hi")), Drafts.outcome(stored::complete));
            assertThat(stored.join()).isNull();

            assertThat(store.rooms().removeIfEmpty(quiet).toCompletableFuture().join()).isTrue();
            assertThat(store.rooms().removeIfEmpty(spoken).toCompletableFuture().join()).isFalse();
            assertThat(store.rooms().loadAll()).extracting(RoomRecord::name).containsExactly("spoken");
            assertThat(store.rooms().create("quiet").toCompletableFuture().join().ref()).as("refs are never reused")
                    .isGreaterThan(spoken);
        }
    }

    @Test
    void theTableRefusesADuplicateGroupEvenIfTheCoreDidNotCheck() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            int ref = store.rooms().create("r1").toCompletableFuture().join().ref();
            store.directory().add(new DirectoryEntry("r1", "239.0.0.1", 5000, ref)).toCompletableFuture().join();

            assertThatThrownBy(() -> store.directory().add(new DirectoryEntry("r2", "239.0.0.1", 5000, ref))
                    .toCompletableFuture().join()).isInstanceOf(CompletionException.class);
            assertThatThrownBy(() -> store.directory().add(new DirectoryEntry("R1", "239.0.0.2", 5000, ref))
                    .toCompletableFuture().join()).isInstanceOf(CompletionException.class);
            assertThat(store.directory().loadAll()).hasSize(1);
        }
    }

    @Test
    void aDatabaseFromBeforeTheDirectoryIsMigratedAndKeepsItsRooms() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.rooms().create("lobby").toCompletableFuture().join();
        }
        // Take the database back to schema version 1, as a Parley without the directory left it.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement()) {
            for (String table : List.of("room_mode_entries", "room_modes", "room_topics", "directory", "private_messages",
                    "sessions", "accounts")) {
                statement.execute("DROP TABLE " + table);
            }
            statement.execute("PRAGMA user_version = 1");
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            assertThat(store.rooms().loadAll()).hasSize(1);
            assertThat(store.directory().loadAll()).isEmpty();
        }
    }

    @Test
    void aDatabaseWithTheDirectoryButNoAccountsKeepsItsEntriesAndGainsAccounts() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomRecord room = store.rooms().create("r1").toCompletableFuture().join();
            store.directory().add(new DirectoryEntry("r1", "239.0.0.1", 5000, room.ref())).toCompletableFuture().join();
        }
        // Schema version 2 as the Parley before accounts left it: rooms, messages and the directory.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement()) {
            for (String table : List.of("room_mode_entries", "room_modes", "room_topics", "private_messages", "sessions",
                    "accounts")) {
                statement.execute("DROP TABLE " + table);
            }
            statement.execute("PRAGMA user_version = 2");
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            assertThat(store.directory().loadAll()).extracting(DirectoryEntry::name).containsExactly("r1");
            store.accounts().create(new AccountRecord("ada", "hash", Optional.empty())).toCompletableFuture().join();
            assertThat(store.accounts().loadNames()).containsExactly("ada");
        }
    }
}
