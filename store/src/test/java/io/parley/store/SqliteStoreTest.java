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
    void appendedEventsArePlacedInTheirRoomsAndCalledBackInOrder() throws Exception {
        List<RoomEvent> calledBack = new CopyOnWriteArrayList<>();
        Room one;
        Room two;
        try (SqliteStore store = SqliteStore.open(data)) {
            one = room(store, "one");
            two = room(store, "two");
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                Room room = i % 3 == 0 ? two : one;
                RoomEvent event = i % 50 == 0 ? Drafts.joined(room, i, "m" + i) : posted(room, i);
                CompletableFuture<Void> stored = new CompletableFuture<>();
                all.add(stored);
                store.events().append(event, (placed, error) -> {
                    assertThat(error).isNull();
                    calledBack.add(placed);
                    stored.complete(null);
                });
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(calledBack).hasSize(300);
        List<Long> ids = calledBack.stream().flatMap(e -> e.message().stream()).map(ChatMessage::id).toList();
        assertThat(ids).as("unique and increasing in the log's order").isSorted().doesNotHaveDuplicates();
        assertThat(calledBack.stream().flatMap(e -> e.message().stream()).map(ChatMessage::time).toList()).isSorted();
        for (Room room : List.of(one, two)) {
            long expected = 0;
            for (RoomEvent event : calledBack.stream().filter(e -> e.room().equals(room.id())).toList()) {
                if (event instanceof RoomEvent.Posted) {
                    expected++;
                }
                assertThat(event.sequence()).as("messages numbered 1, 2, ...; a join takes the last one").isEqualTo(expected);
            }
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomEvent.Posted next = append(store, posted(one, 0));
            assertThat(next.chat().id()).as("ids go on after a restart").isGreaterThan(ids.get(ids.size() - 1));
            assertThat(next.sequence()).isEqualTo(calledBack.stream()
                    .filter(e -> e.room().equals(one.id()) && e instanceof RoomEvent.Posted).count() + 1);
        }
    }

    @Test
    void aFailedAppendIsReportedWithoutFailingItsNeighboursOrTakingANumber() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            Room room = room(store, "r");
            Room missing = new Room(999, "missing");
            List<Throwable> outcomes = new CopyOnWriteArrayList<>();
            List<RoomEvent> placed = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> last = new CompletableFuture<>();
            store.events().append(posted(room, 1), (event, error) -> {
                outcomes.add(error);
                placed.add(event);
            });
            store.events().append(posted(missing, 2), (event, error) -> outcomes.add(error)); // foreign key violation
            store.events().append(posted(room, 3), (event, error) -> {
                outcomes.add(error);
                placed.add(event);
                last.complete(null);
            });
            last.join();

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0)).isNull();
            assertThat(outcomes.get(1)).isNotNull();
            assertThat(outcomes.get(2)).isNull();
            assertThat(placed).extracting(RoomEvent::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void aRoomIsFoundByNameWhateverItsCase() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomRecord made = store.rooms().create("Shared").toCompletableFuture().join();

            assertThat(store.rooms().find("shared").toCompletableFuture().join()).contains(made);
            assertThat(store.rooms().find("other").toCompletableFuture().join()).isEmpty();
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

    private static Room room(SqliteStore store, String name) {
        RoomRecord record = store.rooms().create(name).toCompletableFuture().join();
        return new Room(record.ref(), record.name());
    }

    private static RoomEvent posted(Room room, long i) {
        return Drafts.posted(room, new ChatMessage(0, Instant.now(), room.ref(), "a", ChatMessage.Kind.CHAT, "t" + i));
    }

    private static RoomEvent.Posted append(SqliteStore store, RoomEvent event) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(event, (stored, error) -> {
            if (error == null) {
                placed.complete(stored);
            } else {
                placed.completeExceptionally(error);
            }
        });
        return (RoomEvent.Posted) placed.join();
    }
}
