package io.parley.store.postgresql;

import static io.parley.store.contract.StoreContract.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A writer's batch holding many messages of a room stores them with one statement per room. The
 * messages are gathered into one batch as they are in a busy cluster: another transaction (another
 * node's) holds the room's row, so they queue behind it, and it then ends.
 */
class PgRoomBatchTest {

    /** Texts an array literal must carry as they are. */
    private static final List<String> AWKWARD = List.of("plain", "a,b", "{braces}", "\"quoted\"", "back\\slash",
            "NULL", "", " spaced ", "é ü 日本 🙂", "line\nbreak");

    private static final int RUN = 25;

    private TestDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void aBatchsMessagesAreStoredOnceInOrderWithConsecutiveNumbersByOneStatementPerRunOfARoomsMessages()
            throws Exception {
        int perRoom = 4 * RUN;
        try (PostgresStore store = PostgresStore.open(database.url(), "a");
                Connection other = database.connect()) {
            Room first = room(store, "first");
            Room second = room(store, "second");
            countInsertStatements();
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<CompletableFuture<RoomEvent>> placed = new ArrayList<>();
            List<RoomEvent.Posted> sent = new ArrayList<>();
            try (Statement hold = holdRows(other, first, second)) {
                // Runs of 25 messages to one room, then to the other: eight runs.
                for (int n = 0; n < 2 * perRoom; n++) {
                    Room room = n / RUN % 2 == 0 ? first : second;
                    int i = n / (2 * RUN) * RUN + n % RUN; // the message's place in its room
                    // Times that go back now and then: stored times never do.
                    Instant time = start.plusMillis(i - 3L * (i % 4));
                    RoomEvent.Posted post = new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED, new ChatMessage(0, time,
                            room.ref(), "author" + i % 3, ChatMessage.Kind.CHAT, AWKWARD.get(i % AWKWARD.size()) + i));
                    sent.add(post);
                    placed.add(append(store, post));
                }
                assertThat(placed).noneMatch(CompletableFuture::isDone);
                other.commit();
            }

            List<RoomEvent.Posted> stored = placed.stream().map(f -> (RoomEvent.Posted) f.join()).toList();
            for (Room room : List.of(first, second)) {
                List<RoomEvent.Posted> mine = stored.stream().filter(e -> e.room().equals(room.id())).toList();
                List<RoomEvent.Posted> mineSent = sent.stream().filter(e -> e.room().equals(room.id())).toList();
                assertThat(mine).extracting(RoomEvent::sequence).as("consecutive, in the order sent")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, perRoom).boxed().toList());
                assertThat(mine).extracting(e -> e.chat().text())
                        .containsExactlyElementsOf(mineSent.stream().map(e -> e.chat().text()).toList());
                assertThat(rows(room)).as("what the database holds, each once").containsExactlyElementsOf(
                        mine.stream().map(e -> e.sequence() + " " + e.chat().id() + " " + e.chat().time().toEpochMilli()
                                + " " + e.chat().author() + " " + e.chat().kind() + " " + e.chat().text()).toList());
                for (int i = 0; i < perRoom; i++) {
                    assertThat(mine.get(i).chat().time()).isAfterOrEqualTo(mineSent.get(i).chat().time());
                    if (i > 0) {
                        assertThat(mine.get(i).chat().time()).isAfterOrEqualTo(mine.get(i - 1).chat().time());
                    }
                }
            }
            assertThat(stored.stream().map(e -> e.chat().id())).doesNotHaveDuplicates();
            // The first batch may have split the first run, taking what had queued when the writer
            // woke; the rest came in one batch, each run of a room's messages in one statement.
            assertThat(insertStatements()).as("INSERT statements for %s messages", stored.size()).isBetween(8, 9);
        }
    }

    @Test
    void aBatchsMessagesTakeTheRoomsLastTimeWhenAnotherNodesClockIsAhead() throws Exception {
        try (PostgresStore store = PostgresStore.open(database.url(), "a");
                Connection other = database.connect()) {
            Room room = room(store, "r");
            Instant ahead = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
            List<CompletableFuture<RoomEvent>> placed = new ArrayList<>();
            try (Statement hold = holdRows(other, room)) {
                hold.executeUpdate("UPDATE rooms SET last_seq = 7, last_sent_at = " + ahead.toEpochMilli()
                        + " WHERE ref = " + room.ref()); // another node's message, stamped an hour ahead
                for (int i = 0; i < 20; i++) {
                    placed.add(append(store, posted(room, Instant.now(), "t" + i)));
                }
                other.commit();
            }
            List<RoomEvent> stored = placed.stream().map(CompletableFuture::join).toList();
            assertThat(stored).extracting(RoomEvent::sequence).containsExactlyElementsOf(LongStream.rangeClosed(8, 27)
                    .boxed().toList());
            assertThat(stored).extracting(e -> e.message().orElseThrow().time()).containsOnly(ahead);
        }
    }

    @Test
    void aJoinBetweenARoomsMessagesTakesTheNumberOfTheMessageBeforeIt() throws Exception {
        try (PostgresStore store = PostgresStore.open(database.url(), "a");
                Connection other = database.connect()) {
            Room room = room(store, "r");
            List<CompletableFuture<RoomEvent>> placed = new ArrayList<>();
            try (Statement hold = holdRows(other, room)) {
                placed.add(append(store, posted(room, Instant.now(), "one")));
                placed.add(append(store, posted(room, Instant.now(), "two")));
                placed.add(append(store, new RoomEvent.Joined(room.id(), RoomEvent.UNPLACED,
                        new MemberRef("a", 1, "alice"))));
                placed.add(append(store, posted(room, Instant.now(), "three")));
                placed.add(append(store, posted(room, Instant.now(), "four")));
                other.commit();
            }
            assertThat(placed.stream().map(f -> f.join().sequence())).containsExactly(1L, 2L, 2L, 3L, 4L);
        }
    }

    @Test
    void aMessageToARoomThatIsGoneFailsAloneAndTheBatchsOthersAreStored() throws Exception {
        try (PostgresStore store = PostgresStore.open(database.url(), "a");
                Connection other = database.connect()) {
            Room room = room(store, "r");
            Room gone = new Room(room.ref() + 1000, "gone");
            List<CompletableFuture<RoomEvent>> placed = new ArrayList<>();
            CompletableFuture<RoomEvent> toGone;
            try (Statement hold = holdRows(other, room)) {
                placed.add(append(store, posted(room, Instant.now(), "one")));
                placed.add(append(store, posted(room, Instant.now(), "two")));
                toGone = append(store, posted(gone, Instant.now(), "lost"));
                placed.add(append(store, posted(room, Instant.now(), "three")));
                other.commit();
            }
            assertThat(placed.stream().map(f -> f.join().sequence())).containsExactly(1L, 2L, 3L);
            assertThatThrownBy(toGone::join).isInstanceOf(CompletionException.class).hasMessageContaining("no room");
            assertThat(rows(room)).hasSize(3);
        }
    }

    /** Locks the rooms' rows in a transaction left open, as another node's writer would. */
    private static Statement holdRows(Connection other, Room... rooms) throws SQLException {
        other.setAutoCommit(false);
        Statement statement = other.createStatement();
        for (Room room : rooms) {
            statement.executeQuery("SELECT 1 FROM rooms WHERE ref = " + room.ref() + " FOR UPDATE").close();
        }
        return statement;
    }

    private static RoomEvent.Posted posted(Room room, Instant time, String text) {
        return new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED,
                new ChatMessage(0, time, room.ref(), "a", ChatMessage.Kind.CHAT, text));
    }

    private static CompletableFuture<RoomEvent> append(PostgresStore store, RoomEvent event) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(event, (stored, error) -> {
            if (error == null) {
                placed.complete(stored);
            } else {
                placed.completeExceptionally(error);
            }
        });
        return placed;
    }

    /** The room's messages as stored, in sequence order: "seq id time author kind text". */
    private List<String> rows(Room room) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT seq, id, sent_at, author, kind, text FROM messages"
                        + " WHERE room_ref = " + room.ref() + " ORDER BY seq")) {
            while (result.next()) {
                rows.add(result.getLong(1) + " " + result.getLong(2) + " " + result.getLong(3) + " "
                        + result.getString(4) + " " + result.getString(5) + " " + result.getString(6));
            }
        }
        return rows;
    }

    /** A statement-level trigger in this test's own database counts the INSERTs into messages. */
    private void countInsertStatements() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE insert_statements (n integer NOT NULL)");
            statement.execute("INSERT INTO insert_statements VALUES (0)");
            statement.execute("CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN UPDATE insert_statements SET n = n + 1; RETURN NULL; END$$");
            statement.execute("CREATE TRIGGER count_insert AFTER INSERT ON messages"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION count_insert()");
        }
    }

    private int insertStatements() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT n FROM insert_statements")) {
            result.next();
            return result.getInt(1);
        }
    }
}
