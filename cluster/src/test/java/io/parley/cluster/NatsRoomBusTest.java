package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.StoreBusyException;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.ChatService;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import io.parley.testing.CuttableRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM, each with its own room registry, chat service and NATS bus (its own
 * connection to the real nats-server), sharing one event log as the store of record: what two
 * Parley processes sharing PostgreSQL do, without the processes.
 */
class NatsRoomBusTest {

    private static final int SENDERS = 4;
    private static final int MESSAGES_EACH = 250;

    private final String prefix = RealNats.uniquePrefix();
    private final InMemoryRoomStore roomStore = new InMemoryRoomStore();
    private final InMemoryEventLog log = new InMemoryEventLog();
    private final ExecutorService fanOutA = Executors.newSingleThreadExecutor();
    private final ExecutorService fanOutB = Executors.newSingleThreadExecutor();
    private final ExecutorService loopA = Executors.newSingleThreadExecutor();
    private final ExecutorService loopB = Executors.newSingleThreadExecutor();
    private NatsRoomBus busA;
    private NatsRoomBus busB;
    private ChatService nodeA;
    private ChatService nodeB;

    @BeforeEach
    void start() throws Exception {
        RealNats.require();
        busA = NatsRoomBus.connect(RealNats.settings(prefix, "a"), fanOutA, log);
        busB = NatsRoomBus.connect(RealNats.settings(prefix, "b"), fanOutB, log);
        nodeA = new ChatService("a", new RoomRegistry(roomStore), new BusGuardedEventLog(log, busA::isConnected),
                busA, Clock.systemUTC());
        nodeB = new ChatService("b", new RoomRegistry(roomStore), new BusGuardedEventLog(log, busB::isConnected),
                busB, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws InterruptedException {
        busA.close();
        busB.close();
        for (ExecutorService pool : List.of(fanOutA, fanOutB, loopA, loopB)) {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void membersOnBothNodesSeeEveryMessageOnceInOneOrderUnderConcurrentPosters() throws Exception {
        Room roomA = nodeA.rooms().open("shared").toCompletableFuture().join();
        Room roomB = nodeB.rooms().open("shared").toCompletableFuture().join();
        int total = SENDERS * MESSAGES_EACH;
        List<Recorder> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            members.add(join(nodeA, roomA, new Recorder("a", nodeA.newMemberId(), loopA, total), "a" + i));
            members.add(join(nodeB, roomB, new Recorder("b", nodeB.newMemberId(), loopB, total), "b" + i));
        }

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<CompletableFuture<ChatMessage>> sent = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> posting = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                ChatService through = sender % 2 == 0 ? nodeA : nodeB;
                Room room = sender % 2 == 0 ? roomA : roomB;
                posting.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < MESSAGES_EACH; i++) {
                        CompletableFuture<ChatMessage> one = through.post(room, "s" + sender, sender + ":" + i)
                                .toCompletableFuture();
                        synchronized (sent) {
                            sent.add(one);
                        }
                    }
                }, senders));
            }
            CompletableFuture.allOf(posting.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (Recorder member : members) {
            member.gotAll.get(30, TimeUnit.SECONDS);
        }
        drain(loopA);
        drain(loopB);

        List<String> reference = log.messages().stream().map(ChatMessage::text).toList();
        assertThat(reference).hasSize(total);
        for (Recorder member : members) {
            assertThat(member.said()).as("messages seen by %s member %d", member.node(), member.id())
                    .containsExactlyElementsOf(reference);
            assertThat(member.posted()).extracting(RoomEvent::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
        assertThat(roomA.memberCount()).as("node a's roster has node b's members").isEqualTo(4);
        assertThat(roomB.memberCount()).isEqualTo(4);
    }

    @Test
    void aMessageTheBusNeverCarriedIsReadFromTheStoreBeforeTheNextOne() throws Exception {
        Room roomA = nodeA.rooms().open("gap").toCompletableFuture().join();
        Room roomB = nodeB.rooms().open("gap").toCompletableFuture().join();
        Recorder onA = join(nodeA, roomA, new Recorder("a", nodeA.newMemberId(), loopA, 3), "alice");
        Recorder onB = join(nodeB, roomB, new Recorder("b", nodeB.newMemberId(), loopB, 3), "bob");
        nodeA.post(roomA, "alice", "one").toCompletableFuture().get(10, TimeUnit.SECONDS);

        // Message 2 is made durable but never published: as if NATS had lost it on the way.
        CompletableFuture<RoomEvent> stored = new CompletableFuture<>();
        log.append(new RoomEvent.Posted(roomA.id(), RoomEvent.UNPLACED,
                new ChatMessage(0, Instant.now(), roomA.ref(), "alice", ChatMessage.Kind.CHAT, "two")),
                (placed, error) -> stored.complete(placed));
        assertThat(stored.get().sequence()).isEqualTo(2);

        nodeA.post(roomA, "alice", "three").toCompletableFuture().get(10, TimeUnit.SECONDS);
        onA.gotAll.get(10, TimeUnit.SECONDS);
        onB.gotAll.get(10, TimeUnit.SECONDS);
        drain(loopA);
        drain(loopB);

        for (Recorder member : List.of(onA, onB)) {
            assertThat(member.said()).as("node %s", member.node()).containsExactly("one", "two", "three");
            assertThat(member.posted()).extracting(RoomEvent::sequence).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aNodeThatLostTheBusRefusesMessagesWithTryAgainAndRecovers() throws Exception {
        Room roomA = nodeA.rooms().open("outage").toCompletableFuture().join();
        Room roomB = nodeB.rooms().open("outage").toCompletableFuture().join();
        Recorder onB = join(nodeB, roomB, new Recorder("b", nodeB.newMemberId(), loopB, 1), "bob");
        Recorder onA = join(nodeA, roomA, new Recorder("a", nodeA.newMemberId(), loopA, 1), "alice");

        // The NATS server drops node a's connection (as on a server restart): jnats reconnects.
        busA.forceReconnectForTest();
        CompletableFuture<ChatMessage> posted = retryUntilAccepted(() -> nodeA.post(roomA, "alice", "back"));
        posted.get(10, TimeUnit.SECONDS);
        onB.gotAll.get(10, TimeUnit.SECONDS);
        onA.gotAll.get(10, TimeUnit.SECONDS);
        assertThat(onB.said()).containsExactly("back");
    }

    @Test
    void aNodeCutOffFromNatsRefusesMessagesKeepsItsMembersAndCatchesUpWhenHealed() throws Exception {
        try (CuttableRelay proxy = new CuttableRelay(4222)) {
            NatsRoomBus busC = NatsRoomBus.connect(new BusSettings(proxy.url("nats"), "c", prefix, Duration.ofMillis(50),
                    Duration.ofSeconds(5)), fanOutA, log);
            try {
                ChatService nodeC = new ChatService("c", new RoomRegistry(roomStore),
                        new BusGuardedEventLog(log, busC::isConnected), busC, Clock.systemUTC());
                Room roomC = nodeC.rooms().open("cut").toCompletableFuture().join();
                Room roomB = nodeB.rooms().open("cut").toCompletableFuture().join();
                Recorder onC = join(nodeC, roomC, new Recorder("c", nodeC.newMemberId(), loopA, 3), "carol");
                Recorder onB = join(nodeB, roomB, new Recorder("b", nodeB.newMemberId(), loopB, 3), "bob");
                nodeB.post(roomB, "bob", "before").toCompletableFuture().get(10, TimeUnit.SECONDS);

                proxy.cut();
                busC.untilConnected(false).get(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> nodeC.post(roomC, "carol", "refused").toCompletableFuture().join())
                        .hasCauseInstanceOf(StoreBusyException.class)
                        .hasMessageContaining("try again");
                // Said on node b while c cannot hear it: NATS does not keep it for c.
                nodeB.post(roomB, "bob", "during").toCompletableFuture().get(10, TimeUnit.SECONDS);

                proxy.heal();
                busC.untilConnected(true).get(10, TimeUnit.SECONDS);
                // Nothing later has come to reveal the gap: the reconnect alone reads it from the store.
                onC.untilMessages(2).get(10, TimeUnit.SECONDS);
                nodeC.post(roomC, "carol", "after").toCompletableFuture().get(10, TimeUnit.SECONDS);
                onC.gotAll.get(10, TimeUnit.SECONDS);
                onB.gotAll.get(10, TimeUnit.SECONDS);
                drain(loopA);
                drain(loopB);

                for (Recorder member : List.of(onC, onB)) {
                    assertThat(member.said()).as("node %s", member.node()).containsExactly("before", "during", "after");
                }
                assertThat(log.messages()).extracting(ChatMessage::text).doesNotContain("refused");
            } finally {
                busC.close();
            }
        }
    }

    @Test
    void aNodeThatCannotReachTheBusSaysSoNamingTheUrl() {
        BusSettings nowhere = new BusSettings("nats://parley:secret@127.0.0.1:1", "x", prefix, Duration.ofMillis(50),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> NatsRoomBus.connect(nowhere, Runnable::run, log))
                .isInstanceOf(BusUnavailableException.class)
                .hasMessageStartingWith("cannot reach the bus nats://127.0.0.1:1: ")
                .hasMessageContaining("start nats-server")
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("\n");
    }

    /** Posts until the node takes the message (it refuses with StoreBusyException while the bus is down). */
    private static CompletableFuture<ChatMessage> retryUntilAccepted(
            java.util.function.Supplier<java.util.concurrent.CompletionStage<ChatMessage>> post) throws Exception {
        for (int attempt = 0; attempt < 1000; attempt++) {
            CompletableFuture<ChatMessage> one = post.get().toCompletableFuture();
            try {
                one.get(10, TimeUnit.SECONDS);
                return one;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreBusyException.class).hasMessageContaining("try again");
                Thread.onSpinWait();
                Thread.sleep(10); // a client's retry pace, not a synchronisation
            }
        }
        throw new AssertionError("the node never took a message again");
    }

    private static Recorder join(ChatService node, Room room, Recorder member, String name) {
        node.join(room, member, name).toCompletableFuture().join();
        return member;
    }

    private static void drain(ExecutorService loop) throws Exception {
        loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

}
