package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

    private final InMemoryRoomStore store = new InMemoryRoomStore();

    @Test
    void aNameOpensTheSameRoomEveryTimeWhateverItsCase() {
        RoomRegistry rooms = new RoomRegistry(store);
        Room first = rooms.open("Lobby").toCompletableFuture().join();

        assertThat(rooms.open("lobby").toCompletableFuture().join()).isSameAs(first);
        assertThat(rooms.byRef(first.ref())).containsSame(first);
        assertThat(rooms.byName("LOBBY")).containsSame(first);
        assertThat(first.name()).isEqualTo("Lobby");
    }

    @Test
    void aCreationRefusedForOneAddressIsNotTheAnswerOfAnotherAskingRightAfter() {
        CompletableFuture<Optional<RoomRecord>> slowLookUp = new CompletableFuture<>();
        RoomRegistry rooms = new RoomRegistry(lookingUpSlowly("b", slowLookUp),
                new RoomQuota(10, 1, Duration.ofHours(1), Clock.systemUTC()));
        rooms.open("a", "10.0.0.1").toCompletableFuture().join();
        CompletableFuture<Room> refused = rooms.open("b", "10.0.0.1").toCompletableFuture();
        CompletableFuture<CompletableFuture<Room>> askedRightAfter = new CompletableFuture<>();
        // The refusal's reply goes out as it completes, and the other address asks at once.
        refused.whenComplete((room, error) -> askedRightAfter.complete(rooms.open("b", "10.0.0.2").toCompletableFuture()));

        slowLookUp.complete(Optional.empty());

        assertThat(refused).isCompletedExceptionally();
        assertThat(askedRightAfter.join().join().name()).isEqualTo("b");
    }

    /** The store, but the look-up of {@code slowName} completes only when the test completes {@code lookUp}. */
    private RoomStore lookingUpSlowly(String slowName, CompletableFuture<Optional<RoomRecord>> lookUp) {
        return new RoomStore() {
            @Override
            public List<RoomRecord> loadAll() {
                return store.loadAll();
            }

            @Override
            public CompletionStage<Optional<RoomRecord>> find(String name) {
                return name.equals(slowName) ? lookUp : store.find(name);
            }

            @Override
            public CompletionStage<RoomRecord> create(String name) {
                return store.create(name);
            }

            @Override
            public CompletionStage<Boolean> removeIfEmpty(int ref) {
                return store.removeIfEmpty(ref);
            }

            @Override
            public List<RoomTopic> loadTopics() {
                return store.loadTopics();
            }

            @Override
            public CompletionStage<Void> setTopic(RoomTopic topic) {
                return store.setTopic(topic);
            }

            @Override
            public CompletionStage<Void> clearTopic(int ref) {
                return store.clearTopic(ref);
            }
        };
    }

    @Test
    void aCallerRacingACreationRefusedForAnotherAddressTriesOnItsOwn() {
        CompletableFuture<Optional<RoomRecord>> slowLookUp = new CompletableFuture<>();
        RoomStore slow = lookingUpSlowly("b", slowLookUp);
        RoomRegistry rooms = new RoomRegistry(slow, new RoomQuota(10, 1, Duration.ofHours(1), Clock.systemUTC()));
        rooms.open("a", "10.0.0.1").toCompletableFuture().join();
        CompletableFuture<Room> refused = rooms.open("b", "10.0.0.1").toCompletableFuture();
        CompletableFuture<Room> racer = rooms.open("b", "10.0.0.2").toCompletableFuture();

        slowLookUp.complete(Optional.empty());

        assertThat(refused).isCompletedExceptionally();
        assertThat(racer.join().name()).isEqualTo("b");
    }

    @Test
    void distinctNamesGetDistinctRefs() {
        RoomRegistry rooms = new RoomRegistry(store);
        int a = rooms.open("a").toCompletableFuture().join().ref();
        int b = rooms.open("b").toCompletableFuture().join().ref();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void refsAreTheSameWhenReloadedFromTheStore() {
        RoomRegistry before = new RoomRegistry(store);
        before.open("a").toCompletableFuture().join();
        int ref = before.open("b").toCompletableFuture().join().ref();

        RoomRegistry after = new RoomRegistry(store);
        assertThat(after.byName("b")).map(Room::ref).contains(ref);
    }

    @Test
    void aRoomAnotherNodeCreatedIsFoundThroughTheStore() {
        RoomRegistry here = new RoomRegistry(store);
        RoomRegistry there = new RoomRegistry(store);
        int ref = there.open("Shared").toCompletableFuture().join().ref();

        Room found = here.open("shared").toCompletableFuture().join();
        assertThat(found.ref()).isEqualTo(ref);
        assertThat(found.name()).isEqualTo("Shared");
    }

    @Test
    void aRoomKeptByTheStoreWhileBeingRemovedIsOneObjectByNameAndByRef() {
        CompletableFuture<Boolean> kept = new CompletableFuture<>();
        RoomRegistry rooms = new RoomRegistry(keeping(kept));
        ChatService chat = new ChatService(rooms, new InMemoryEventLog(), new LocalRoomBus(), java.time.Clock.systemUTC());
        Room room = rooms.open("history").toCompletableFuture().join();
        CompletionStage<Boolean> removal = chat.removeIfUnused(room);

        Room reopened = rooms.open("history").toCompletableFuture().join(); // found in the store meanwhile
        kept.complete(false);

        assertThat(removal.toCompletableFuture().join()).isFalse();
        assertThat(rooms.byRef(reopened.ref())).as("the room events are delivered to").containsSame(reopened);
        assertThat(rooms.byName("history")).containsSame(reopened);
    }

    @Test
    void aKeptRoomThatANewerObjectReplacedStaysClosed() {
        CompletableFuture<Boolean> kept = new CompletableFuture<>();
        RoomRegistry rooms = new RoomRegistry(keeping(kept));
        ChatService chat = new ChatService(rooms, new InMemoryEventLog(), new LocalRoomBus(), java.time.Clock.systemUTC());
        Room room = rooms.open("history").toCompletableFuture().join();
        CompletionStage<Boolean> removal = chat.removeIfUnused(room);

        Room reopened = rooms.open("history").toCompletableFuture().join(); // found in the store meanwhile
        kept.complete(false);

        assertThat(removal.toCompletableFuture().join()).isFalse();
        assertThat(reopened).isNotSameAs(room);
        assertThat(room.isClosed()).as("the replaced object, which nobody can reach to leave it").isTrue();
        assertThat(reopened.isClosed()).isFalse();
    }

    @Test
    void aKeptRoomNobodyReplacedIsOpenAgain() {
        CompletableFuture<Boolean> kept = CompletableFuture.completedFuture(false);
        RoomRegistry rooms = new RoomRegistry(keeping(kept));
        ChatService chat = new ChatService(rooms, new InMemoryEventLog(), new LocalRoomBus(), java.time.Clock.systemUTC());
        Room room = rooms.open("history").toCompletableFuture().join();

        assertThat(chat.removeIfUnused(room).toCompletableFuture().join()).isFalse();
        assertThat(room.isClosed()).isFalse();
        assertThat(rooms.byName("history")).containsSame(room);
        assertThat(rooms.byRef(room.ref())).containsSame(room);
    }

    /** The test's store, except that it keeps every room being removed, once {@code kept} completes. */
    private RoomStore keeping(CompletableFuture<Boolean> kept) {
        return new RoomStore() {
            @Override
            public List<RoomRecord> loadAll() {
                return store.loadAll();
            }

            @Override
            public CompletionStage<Optional<RoomRecord>> find(String name) {
                return store.find(name);
            }

            @Override
            public CompletionStage<RoomRecord> create(String name) {
                return store.create(name);
            }

            @Override
            public CompletionStage<Boolean> removeIfEmpty(int ref) {
                return kept; // it holds history: kept, once the store answers
            }

            @Override
            public List<RoomTopic> loadTopics() {
                return store.loadTopics();
            }

            @Override
            public CompletionStage<Void> setTopic(RoomTopic topic) {
                return store.setTopic(topic);
            }

            @Override
            public CompletionStage<Void> clearTopic(int ref) {
                return store.clearTopic(ref);
            }
        };
    }

    @Test
    void manyFirstOpensOfANewRoomAtOnceCreateItOnce() throws Exception {
        RoomRegistry rooms = new RoomRegistry(store);
        List<CompletableFuture<Room>> opens = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 200; i++) {
                opens.add(CompletableFuture
                        .supplyAsync(() -> rooms.open("busy").toCompletableFuture().join(), threads));
            }
            Room first = opens.get(0).join();
            for (CompletableFuture<Room> open : opens) {
                assertThat(open.join()).isSameAs(first);
            }
        } finally {
            threads.shutdown();
        }
        assertThat(store.loadAll()).hasSize(1);
    }
}
