package io.parley.store.postgresql;

import static io.parley.store.contract.StoreContract.room;
import static io.parley.store.postgresql.LeasedNodes.HELD;
import static io.parley.store.postgresql.LeasedNodes.RUN_OUT;
import static io.parley.store.postgresql.LeasedNodes.append;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The members other nodes have in a room, as a node opening the room reads them: only those of
 * nodes whose lease runs. A lease given a negative length has run out already: no test waits for
 * a clock.
 */
class PgRoomMembersTest {

    @RegisterExtension
    final LeasedNodes nodes = new LeasedNodes();

    @Test
    void aNodeWhoseLeaseRanOutHasNoMembersShownBeforeItsLeaseIsClaimed() throws Exception {
        PostgresStore a = nodes.start("a");
        PostgresStore b = nodes.start("b");
        PostgresStore c = nodes.start("c");
        long lifeA = nodes.life("a");
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

    @Test
    void aNodeThatStoppedHasNoMembersShown() throws Exception {
        try (PostgresStore b = PostgresStore.open(nodes.database().url(), "b")) {
            b.leases().orElseThrow().begin("b", HELD);
            Room lobby;
            try (PostgresStore a = PostgresStore.open(nodes.database().url(), "a")) {
                a.leases().orElseThrow().begin("a", HELD);
                lobby = room(a, "lobby");
                append(a, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, new MemberRef("a", 1, "alice")));
                assertThat(b.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join()).hasSize(1);
            } // a clean stop releases its lease

            assertThat(b.rooms().otherNodesMembers(lobby.ref()).toCompletableFuture().join()).isEmpty();
        }
    }
}
