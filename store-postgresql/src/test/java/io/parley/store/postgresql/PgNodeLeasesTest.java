package io.parley.store.postgresql;

import static io.parley.store.contract.StoreContract.room;
import static io.parley.store.postgresql.LeasedNodes.HELD;
import static io.parley.store.postgresql.LeasedNodes.RUN_OUT;
import static io.parley.store.postgresql.LeasedNodes.append;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.NodeLeases;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's leases on life in PostgreSQL: a lease that ran out is claimed by exactly one of
 * the nodes that look at once, with the members its life listed; a held one by none. A lease
 * given a negative length has run out already: no test waits for a clock.
 */
class PgNodeLeasesTest {

    @RegisterExtension
    final LeasedNodes nodes = new LeasedNodes();

    @Test
    void aDeadNodesLeaseIsClaimedByExactlyOneOfTwoNodesLookingAtOnceWithTheMembersItListed() throws Exception {
        PostgresStore a = nodes.start("a");
        PostgresStore b = nodes.start("b");
        PostgresStore c = nodes.start("c");
        long lifeA = nodes.life("a");
        Room lobby = room(a, "lobby");
        append(a, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, new MemberRef("a", 1, "alice")));
        append(a, new RoomEvent.Joined(lobby.id(), RoomEvent.UNPLACED, new MemberRef("a", 2, "amy")));
        append(a, new RoomEvent.Left(lobby.id(), RoomEvent.UNPLACED, new MemberRef("a", 2, "amy")));

        assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).as("a's lease is held").isEmpty();

        a.leases().orElseThrow().renew(lifeA, RUN_OUT); // a dies: its lease has run out
        List<NodeLeases.Expired> claimedByB = new ArrayList<>();
        List<NodeLeases.Expired> claimedByC = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService claimers = Executors.newFixedThreadPool(2);
        try {
            Future<List<NodeLeases.Expired>> byB = claimers.submit(() -> {
                go.await();
                return b.leases().orElseThrow().claimExpired("b", HELD);
            });
            Future<List<NodeLeases.Expired>> byC = claimers.submit(() -> {
                go.await();
                return c.leases().orElseThrow().claimExpired("c", HELD);
            });
            go.countDown();
            claimedByB.addAll(byB.get());
            claimedByC.addAll(byC.get());
        } finally {
            claimers.shutdown();
        }
        List<NodeLeases.Expired> claimed = new ArrayList<>(claimedByB);
        claimed.addAll(claimedByC);
        assertThat(claimed).as("one claim, by b or c").containsExactly(new NodeLeases.Expired("a", lifeA));

        assertThat(b.leases().orElseThrow().members(claimed.get(0))).as("a's members still in a room")
                .containsExactly(new NodeLeases.GoneMember(lobby.ref(), "lobby", 1, "alice"));
    }

    @Test
    void aNodeRestartedUnderItsNameEndsItsEarlierLifeAtOnceForAnotherToAnnounce() throws Exception {
        try (PostgresStore crashed = PostgresStore.open(nodes.database().url(), "a");
                PostgresStore b = PostgresStore.open(nodes.database().url(), "b")) {
            long earlier = crashed.leases().orElseThrow().begin("a", HELD);
            b.leases().orElseThrow().begin("b", HELD);
            try (PostgresStore restarted = PostgresStore.open(nodes.database().url(), "a")) {
                long life = restarted.leases().orElseThrow().begin("a", HELD);
                assertThat(life).isGreaterThan(earlier);
                assertThat(restarted.leases().orElseThrow().earlierLives("a", life)).isEqualTo(1);

                List<NodeLeases.Expired> claimed = b.leases().orElseThrow().claimExpired("b", HELD);
                assertThat(claimed).as("the earlier life, not the new one").containsExactly(new NodeLeases.Expired("a", earlier));
                b.leases().orElseThrow().release(earlier);

                assertThat(restarted.leases().orElseThrow().earlierLives("a", life)).isZero();
                assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).isEmpty();
            }
        }
    }

    @Test
    void aLeaseClaimedByANodeThatDiedBeforeReleasingItIsClaimedAgainAfterTheTimeout() throws Exception {
        try (PostgresStore a = PostgresStore.open(nodes.database().url(), "a");
                PostgresStore b = PostgresStore.open(nodes.database().url(), "b")) {
            long lifeA = a.leases().orElseThrow().begin("a", RUN_OUT);
            assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).hasSize(1);
            assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).as("claimed, being announced").isEmpty();
            assertThat(b.leases().orElseThrow().claimExpired("b", RUN_OUT)).as("its claimer took too long")
                    .containsExactly(new NodeLeases.Expired("a", lifeA));
        }
    }
}
