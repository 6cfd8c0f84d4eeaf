package io.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
