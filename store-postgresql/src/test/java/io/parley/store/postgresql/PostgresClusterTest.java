package io.parley.store.postgresql;

import static io.parley.store.contract.StoreContract.append;
import static io.parley.store.contract.StoreContract.posted;
import static io.parley.store.contract.StoreContract.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.StoreBusyException;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.HistoryEntry;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRecord;
import io.parley.store.StoreMetrics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several nodes on one database: what a cluster needs of its store of record. */
class PostgresClusterTest {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void twoNodesAppendingToOneRoomAtOnceGetUniqueGapFreeSequencesInTheirOwnOrder() throws Exception {
        int perNode = 1500;
        try (PostgresStore a = PostgresStore.open(database.url(), "a");
                PostgresStore b = PostgresStore.open(database.url(), "b")) {
            Room shared = room(a, "shared");
            Room aside = room(b, "aside"); // so that batches also span two rooms (rows locked in ref order)
            List<RoomEvent> placedByA = new CopyOnWriteArrayList<>();
            List<RoomEvent> placedByB = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService posters = Executors.newFixedThreadPool(2);
            try {
                Future<List<CompletableFuture<Void>>> fromA = posters.submit(() -> appendMany(a, shared, aside, perNode,
                        placedByA, start));
                Future<List<CompletableFuture<Void>>> fromB = posters.submit(() -> appendMany(b, shared, aside, perNode,
                        placedByB, start));
                start.countDown();
                List<CompletableFuture<Void>> all = new ArrayList<>(fromA.get());
                all.addAll(fromB.get());
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } finally {
                posters.shutdown();
            }

            List<Long> sequences = new ArrayList<>();
            for (List<RoomEvent> placed : List.of(placedByA, placedByB)) {
                List<Long> mine = placed.stream().filter(e -> e.room().equals(shared.id()))
                        .map(RoomEvent::sequence).toList();
                assertThat(mine).as("each node is called back in its room's order").isSorted();
                sequences.addAll(mine);
            }
            assertThat(sequences).as("one order: every number once, none missing")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 2L * perNode * 9 / 10).boxed().toList());
            assertThat(placedByA).extracting(RoomEvent::sequence).doesNotContain(RoomEvent.UNPLACED);
            List<Long> ids = new ArrayList<>();
            for (List<RoomEvent> placed : List.of(placedByA, placedByB)) {
                placed.forEach(e -> e.message().map(ChatMessage::id).ifPresent(ids::add));
            }
            assertThat(ids).as("ids unique across nodes").doesNotHaveDuplicates().hasSize(2 * perNode);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*), min(seq), max(seq) FROM messages"
                            + " WHERE room_ref = " + shared.ref())) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2L * perNode * 9 / 10);
                assertThat(rows.getLong(2)).isEqualTo(1);
                assertThat(rows.getLong(3)).isEqualTo(2L * perNode * 9 / 10);
            }
        }
    }

    /** Appends {@code count} messages without waiting, nine in ten to {@code room}, the rest to {@code other}. */
    private static List<CompletableFuture<Void>> appendMany(PostgresStore store, Room room, Room other, int count,
            List<RoomEvent> placed, CountDownLatch start) throws InterruptedException {
        start.await();
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            stored.add(done);
            store.events().append(posted(i % 10 == 9 ? other : room, i), (event, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                    return;
                }
                placed.add(event);
                done.complete(null);
            });
            if (store.queuedBytes() > PostgresStore.DEFAULT_MAX_QUEUED_BYTES / 2) {
                done.join(); // stay under the queue's bound: this test is about order, not refusals
            }
        }
        return stored;
    }

    @Test
    void whileAnotherTransactionHoldsTheRoomMessagesWaitThenTheQueueRefusesAndAllCommitOnceItEnds() throws Exception {
        long maxQueued = 64 * 1024;
        try (PostgresStore store = PostgresStore.open(database.url(), "a", maxQueued, StoreMetrics.NONE);
                Connection other = database.connect()) {
            Room room = room(store, "r");
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) { // another node's transaction, stuck
                statement.executeQuery("SELECT 1 FROM rooms WHERE ref = " + room.ref() + " FOR UPDATE").close();
            }
            List<CompletableFuture<RoomEvent>> accepted = new ArrayList<>();
            Throwable refused = null;
            while (refused == null) {
                CompletableFuture<RoomEvent> outcome = new CompletableFuture<>();
                store.events().append(posted(room, accepted.size()), (event, error) -> {
                    if (error == null) {
                        outcome.complete(event);
                    } else {
                        outcome.completeExceptionally(error);
                    }
                });
                if (outcome.isCompletedExceptionally()) { // refused at once, on this thread
                    refused = outcome.handle((event, error) -> error).join();
                } else {
                    accepted.add(outcome);
                }
            }
            assertThat(refused).isInstanceOf(StoreBusyException.class);
            assertThat(accepted).noneMatch(CompletableFuture::isDone);

            other.rollback(); // the lock is released

            assertThat(accepted.stream().map(f -> f.join().sequence()).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, accepted.size()).boxed().toList());
            assertThat(store.queuedBytes()).isZero();
        }
    }

    @Test
    void aRoomCreatedOnOneNodeIsFoundOnTheOtherAndANameIsCreatedOnce() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a");
                PostgresStore b = PostgresStore.open(database.url(), "b")) {
            CompletableFuture<RoomRecord> onA = a.rooms().create("Meeting").toCompletableFuture();
            CompletableFuture<RoomRecord> onB = b.rooms().create("meeting").toCompletableFuture();
            CompletableFuture.allOf(onA, onB).handle((ignored, error) -> null).join();

            assertThat(List.of(onA, onB)).filteredOn(f -> !f.isCompletedExceptionally()).as("one creation wins").hasSize(1);
            RoomRecord made = (onA.isCompletedExceptionally() ? onB : onA).join();
            assertThat(a.rooms().find("MEETING").toCompletableFuture().join()).contains(made);
            assertThat(b.rooms().find("meeting").toCompletableFuture().join()).contains(made);
            assertThat(b.rooms().loadAll()).containsExactly(made);
        }
    }

    @Test
    void aNameRegisteredOnOneNodeIsTakenOnTheOther() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a");
                PostgresStore b = PostgresStore.open(database.url(), "b")) {
            a.accounts().create(new AccountRecord("Alice", "hash", Optional.empty())).toCompletableFuture().join();

            assertThat(b.accounts().find("alice").toCompletableFuture().join()).map(AccountRecord::name).contains("Alice");
            assertThatThrownBy(() -> b.accounts().create(new AccountRecord("ALICE", "other", Optional.empty()))
                    .toCompletableFuture().join()).isInstanceOf(CompletionException.class);
        }
    }

    @Test
    void nodesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(3);
        List<PostgresStore> stores = new ArrayList<>();
        try {
            List<Future<PostgresStore>> opening = new ArrayList<>();
            for (String node : List.of("a", "b", "c")) {
                opening.add(starters.submit(() -> PostgresStore.open(database.url(), node)));
            }
            for (Future<PostgresStore> store : opening) {
                stores.add(store.get());
            }
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                List<Integer> versions = new ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
                assertThat(versions).hasSize(PgMigrations.SCRIPTS.size()).startsWith(1);
            }
        } finally {
            starters.shutdown();
            stores.forEach(PostgresStore::close);
        }
    }

    @Test
    void aNodeRestartingClosesOnlyItsOwnSessions() throws Exception {
        int lobbyRef;
        try (PostgresStore a = PostgresStore.open(database.url(), "a")) {
            a.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            a.accounts().create(new AccountRecord("bob", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(a, "lobby");
            lobbyRef = lobby.ref();
            a.history().openSession("alice", 0).toCompletableFuture().join(); // alice is on node a
            try (PostgresStore b = PostgresStore.open(database.url(), "b")) {
                b.history().openSession("bob", 0).toCompletableFuture().join(); // bob on node b, which then crashes
            }
            append(a, posted(lobby, 1));
            try (PostgresStore b = PostgresStore.open(database.url(), "b")) { // b restarts
                append(b, posted(lobby, 2));

                assertThat(b.history().history("alice", lobbyRef).toCompletableFuture().join())
                        .as("node a's session is still open").extracting(HistoryEntry::text).containsExactly("t1", "t2");
                assertThat(b.history().history("bob", lobbyRef).toCompletableFuture().join())
                        .as("node b's own session was closed when it restarted").extracting(HistoryEntry::text)
                        .containsExactly("t1");
                assertThat(b.closeSessionsLeftOpen("a").toCompletableFuture().join()).as("a declared gone").isEqualTo(1);
            }
        }
    }

    @Test
    void everyConnectionCommitsSynchronouslyWhateverTheDatabaseDefault() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " SET synchronous_commit = off");
        }
        try (PostgresStore store = PostgresStore.open(database.url(), "a")) {
            assertThat(store.setting("synchronous_commit").join()).isEqualTo("on");
        }
    }

    @Test
    void theLibpqFormOfTheAddressOpensTheSameDatabase() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a")) {
            room(a, "here");
        }
        try (PostgresStore b = PostgresStore.open("postgresql://postgres@" + TestDatabase.SERVER + "/" + database.name(),
                "b")) {
            assertThat(b.rooms().loadAll()).extracting(RoomRecord::name).containsExactly("here");
        }
    }

    @Test
    void aNodeThatCannotReachPostgresqlSaysSoInOneLineWithoutThePassword() {
        assertThatThrownBy(() -> PostgresStore.open("postgresql://127.0.0.1:1/parley?user=postgres&password=s3cret", "a"))
                .isInstanceOf(UnreachableStoreException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("cannot reach the store at postgresql://127.0.0.1:1/parley?user=postgres&password=***: ")
                        .contains("start PostgreSQL there")
                        .doesNotContain("s3cret")
                        .doesNotContain("\n"));
        assertThatThrownBy(() -> PostgresStore.open("postgresql://postgres:s3cret@127.0.0.1:1/parley", "a"))
                .isInstanceOf(UnreachableStoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").contains("127.0.0.1:1"));
    }

    @Test
    void writesFailWhileTheConnectionsAreCutAndSucceedAgainOnNewOnes() throws Exception {
        try (PostgresStore store = PostgresStore.open(database.url(), "a")) {
            Room room = room(store, "r");
            assertThat(append(store, posted(room, 1)).sequence()).isEqualTo(1);

            assertThat(database.terminateConnections()).as("what a PostgreSQL restart does to the pool").isPositive();

            List<Throwable> failures = new ArrayList<>();
            RoomEvent.Posted stored = null;
            for (int attempt = 0; attempt < 10 && stored == null; attempt++) { // a client's "try again"
                try {
                    stored = append(store, posted(room, 2));
                } catch (CompletionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(stored).as("the pool reconnects: a write succeeds again").isNotNull();
            assertThat(stored.sequence()).as("nothing numbered by the failed attempts").isEqualTo(2);
            assertThat(failures).allSatisfy(f -> assertThat(f).hasMessageContaining("cannot take writes now")
                    .hasMessageEndingWith("try again"));
            store.probeWrite().join();
        }
    }
}
