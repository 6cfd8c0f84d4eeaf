package io.parley.store.postgresql;

import static io.parley.store.postgresql.LeasedNodes.HELD;
import static io.parley.store.postgresql.LeasedNodes.RUN_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.account.PresenceDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's online names in PostgreSQL: a name is held by one node's life; another node's
 * claim is refused, an owner's take replaces and names the holder before it, a release frees only
 * the hold it names, and a dead node's names are free once its lease is claimed.
 */
class PgPresenceDirectoryTest {

    @RegisterExtension
    final LeasedNodes nodes = new LeasedNodes();

    private PostgresStore a;
    private PostgresStore b;

    @BeforeEach
    void startNodes() throws Exception {
        a = nodes.start("a");
        b = nodes.start("b");
    }

    @Test
    void aNameIsHeldByOneNodeUntilItIsReleasedOrTakenByItsOwner() throws Exception {
        long lifeA = nodes.life("a");
        PresenceDirectory onA = a.presence().orElseThrow();
        PresenceDirectory onB = b.presence().orElseThrow();

        assertThat(onA.claim("Kim", 1, "")).isTrue();
        assertThat(onB.claim("kim", 1, "")).as("held by a").isFalse();
        assertThat(onB.holder("KIM")).hasValueSatisfying(holder -> {
            assertThat(holder.name()).isEqualTo("Kim");
            assertThat(holder.node()).isEqualTo("a");
            assertThat(holder.life()).isEqualTo(lifeA);
            assertThat(holder.token()).isEqualTo(1);
        });
        assertThat(onA.claim("kim", 2, "")).as("a's own later hold takes over").isTrue();
        CompletableFuture<Void> lateFreed = release(onA, "kim", 1); // a late release of the earlier hold
        assertThat(onA.claim("marker", 9, "")).isTrue();
        release(onA, "marker", 9).join(); // releases run in order: kim's has run
        assertThat(lateFreed).as("a late release frees nothing, and says so").isNotDone();
        assertThat(onB.claim("kim", 1, "")).as("still held by a's later hold").isFalse();
        assertThat(onB.names().toCompletableFuture().join()).containsExactly("kim");

        // The owner logs in on b: it takes the name, and learns whose hold it replaced.
        assertThat(onB.take("kim", 7, true)).hasValueSatisfying(before -> {
            assertThat(before.node()).isEqualTo("a");
            assertThat(before.token()).isEqualTo(2);
        });
        onA.release("kim", 2, () -> { });
        assertThat(onA.claim("kim", 3, "")).as("held by b").isFalse();
        release(onB, "kim", 7).join();
        assertThat(onA.holder("kim")).as("free once its release said so").isEmpty();
        assertThat(onA.claim("kim", 4, "")).isTrue();
    }

    @Test
    void aGuestsTokenIsHeldWithItsNameAndLookUpsRunOnTheDirectorysOwnThreads() throws Exception {
        PresenceDirectory onA = a.presence().orElseThrow();
        PresenceDirectory onB = b.presence().orElseThrow();
        assertThat(onA.claim("Nell", 1, "guest-42")).isTrue();
        assertThat(onA.claim("Owen", 2, "")).isTrue();
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

        java.util.Map<String, PresenceDirectory.Holder> found;
        try (java.sql.Connection locker = nodes.database().connect()) {
            // The table is locked, so the look-up cannot answer before its callback is in place.
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE online_names IN ACCESS EXCLUSIVE MODE");
            java.util.concurrent.CompletableFuture<java.util.Map<String, PresenceDirectory.Holder>> asked =
                    onB.holders(List.of("NELL", "owen", "nobody")).toCompletableFuture();
            assertThat(asked).as("returned before the database answered").isNotDone();
            asked = asked.whenComplete((holders, failure) -> threads.add(Thread.currentThread().getName()));
            locker.commit();
            found = asked.join();
        }

        assertThat(found).containsOnlyKeys("nell", "owen");
        assertThat(found.get("nell").guest()).isEqualTo("guest-42");
        assertThat(found.get("owen").guest()).isEmpty();
        assertThat(threads).singleElement().asString().startsWith("parley-presence-lookup-");

        // Its owner logs in on b: an owner is no guest.
        onB.take("nell", 3, false);
        assertThat(onA.holders(List.of("nell")).toCompletableFuture().join().get("nell").guest()).isEmpty();
    }

    @Test
    void ofTwoNodesClaimingOneNameAtOnceExactlyOneHoldsIt() throws Exception {
        exactlyOneOfTwoAtOnceHoldsEachName(
                (name, round) -> a.presence().orElseThrow().claim(name, 1, ""),
                (name, round) -> b.presence().orElseThrow().claim(name, 1, ""));
    }

    @Test
    void aDeadNodesNamesAreFreeOnceItsLeaseIsClaimed() throws Exception {
        long lifeA = nodes.life("a");
        assertThat(a.presence().orElseThrow().claim("zed", 1, "")).isTrue();
        assertThat(b.presence().orElseThrow().claim("zed", 1, "")).isFalse();

        a.leases().orElseThrow().renew(lifeA, RUN_OUT); // a dies
        assertThat(b.presence().orElseThrow().claim("zed", 2, "")).as("a dead node's name, until it is claimed").isFalse();
        assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).hasSize(1);
        assertThat(b.presence().orElseThrow().claim("zed", 2, "")).isTrue();
    }

    @Test
    void aRegisteredNameIsSeenOnEveryNode() throws Exception {
        a.accounts().create(new io.parley.core.account.AccountRecord("Dora", "hash", java.util.Optional.empty()))
                .toCompletableFuture().join();
        assertThat(b.presence().orElseThrow().registered("dora")).contains("Dora");
        assertThat(b.presence().orElseThrow().registered("dorb")).isEmpty();
    }

    @Test
    void aNameLineUsersShareIsRefusedToAnotherNodesClaimAndAClaimedOneToTheirShare() throws Exception {
        PresenceDirectory onA = a.presence().orElseThrow();
        PresenceDirectory onB = b.presence().orElseThrow();

        assertThat(onA.share("Lou", 1)).isTrue();
        assertThat(onB.share("lou", 1)).as("line and TCD users share names, on any node").isTrue();
        assertThat(onB.claim("LOU", 2, "")).as("a's line user chats under it").isFalse();
        assertThat(onA.claim("lou", 3, "")).as("b's line user chats under it").isFalse();
        assertThat(onA.count().toCompletableFuture().join()).isZero();

        onA.unshare("lou", 1);
        onB.unshare("lou", 1);
        drainReleases(onA);
        drainReleases(onB);
        assertThat(onB.claim("lou", 4, "")).isTrue();
        assertThat(onA.share("lou", 5)).as("b's IRC user holds it").isFalse();
        assertThat(onB.share("lou", 6)).as("its own node checks its own users in memory").isTrue();
        assertThat(onA.count().toCompletableFuture().join()).isEqualTo(1);
    }

    @Test
    void ofAClaimAndAShareOfOneNameAtOnceOnTwoNodesExactlyOneHoldsIt() throws Exception {
        exactlyOneOfTwoAtOnceHoldsEachName(
                (name, round) -> a.presence().orElseThrow().claim(name, 1, ""),
                (name, round) -> b.presence().orElseThrow().share(name, round)); // a hold's token is unique on its node
    }

    @Test
    void aDeadNodesSharedNamesAreFreeOnceItsLeaseIsClaimed() throws Exception {
        long lifeA = nodes.life("a");
        assertThat(a.presence().orElseThrow().share("zed", 1)).isTrue();
        assertThat(b.presence().orElseThrow().claim("zed", 1, "")).isFalse();

        a.leases().orElseThrow().renew(lifeA, RUN_OUT); // a dies
        assertThat(b.leases().orElseThrow().claimExpired("b", HELD)).hasSize(1);
        assertThat(b.presence().orElseThrow().claim("zed", 2, "")).isTrue();
    }

    /** One node's attempt at {@code name} in race {@code round}: whether it holds the name. */
    @FunctionalInterface
    private interface Attempt {
        boolean at(String name, long round);
    }

    /** Twenty races, each of {@code first} and {@code second} at once for a name of its own: exactly one wins each. */
    private static void exactlyOneOfTwoAtOnceHoldsEachName(Attempt first, Attempt second) throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String name = "n" + i;
                long round = i;
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> byFirst = racers.submit(() -> {
                    go.await();
                    return first.at(name, round);
                });
                Future<Boolean> bySecond = racers.submit(() -> {
                    go.await();
                    return second.at(name, round);
                });
                go.countDown();
                assertThat(List.of(byFirst.get(), bySecond.get())).as(name).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            racers.shutdown();
        }
    }

    /** Releases run in order on their own thread: waits for those queued so far, by a marker's effect. */
    private static void drainReleases(PresenceDirectory directory) {
        String marker = "marker-" + System.nanoTime();
        assertThat(directory.claim(marker, Long.MAX_VALUE, "")).isTrue();
        release(directory, marker, Long.MAX_VALUE).join();
    }

    /** Releases {@code name}'s hold under {@code token}: completes once the directory has freed it. */
    private static CompletableFuture<Void> release(PresenceDirectory directory, String name, long token) {
        CompletableFuture<Void> freed = new CompletableFuture<>();
        directory.release(name, token, () -> freed.complete(null));
        return freed;
    }
}
