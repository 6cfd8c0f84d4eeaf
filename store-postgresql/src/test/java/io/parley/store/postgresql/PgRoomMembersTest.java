package io.parley.store.postgresql;

import static io.parley.store.contract.StoreContract.room;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The members other nodes have in a room, as a node opening the room reads them: only those of
 * nodes whose lease runs. A lease given a negative length has run out already: no test waits for
 * a clock.
 */
class PgRoomMembersTest {

    private static final Duration HELD = Duration.ofSeconds(30);
    private static final Duration RUN_OUT = Duration.ofSeconds(-1);

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
    void aNodeWhoseLeaseRanOutHasNoMembersShownBeforeItsLeaseIsClaimed() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a");
                PostgresStore b = PostgresStore.open(database.url(), "b");
                PostgresStore c = PostgresStore.open(database.url(), "c")) {
            long lifeA = a.leases().orElseThrow().begin("a", HELD);
            b.leases().orElseThrow().begin("b", HELD);
            c.leases().orElseThrow().begin("c", HELD);
            Room lobby = room(a, "lobby");
            MemberRef alice = new MemberRef("a", 1, "alice");
            MemberRef bob = new MemberRef("b", 1, "bob");
            append(a, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, alice));
            append(b, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, bob));

            assertThat(c.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join())
                    .containsExactlyInAnyOrder(alice, bob);

            a.leases().orElseThrow().renew(lifeA, RUN_OUT); // a dies: its lease has run out, nobody claimed it yet

            assertThat(c.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join())
                    .as("a's members are not shown as present").containsExactly(bob);
            assertThat(b.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join()).isEmpty();
        }
    }

    @Test
    void aNodeThatStoppedHasNoMembersShown() throws Exception {
        try (PostgresStore b = PostgresStore.open(database.url(), "b")) {
            b.leases().orElseThrow().begin("b", HELD);
            Room lobby;
            try (PostgresStore a = PostgresStore.open(database.url(), "a")) {
                a.leases().orElseThrow().begin("a", HELD);
                lobby = room(a, "lobby");
                append(a, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, new MemberRef("a", 1, "alice")));
                assertThat(b.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join()).hasSize(1);
            } // a clean stop releases its lease

            assertThat(b.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join()).isEmpty();
        }
    }

    private static void append(PostgresStore store, RoomEvent event) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(event, (stored, error) -> {
            if (error == null) {
                placed.complete(stored);
            } else {
                placed.completeExceptionally(error);
            }
        });
        placed.join();
    }
}
