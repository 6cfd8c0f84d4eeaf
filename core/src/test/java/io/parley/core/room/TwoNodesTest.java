package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spec for cluster mode: two chat services ("nodes"), each with its own room registry and
 * its own members, share one event log and one bus that hands every committed event to both.
 * Members of one room on both nodes must see the same events in the same order, whichever node
 * their authors posted through and however many threads post at once.
 */
class TwoNodesTest {

    private static final int SENDERS = 4;
    private static final int MESSAGES_EACH = 300;

    private final InMemoryRoomStore roomStore = new InMemoryRoomStore();
    private final InMemoryEventLog log = new InMemoryEventLog();
    /** The bus delivers on the posting threads (in the log's callback) and completes stages on a pool of its own. */
    private final ExecutorService fanOut = Executors.newFixedThreadPool(2);
    private final RoomBus bus = new LocalRoomBus(fanOut);
    private final ChatService nodeA = new ChatService("a", new RoomRegistry(roomStore), log, bus, Clock.systemUTC());
    private final ChatService nodeB = new ChatService("b", new RoomRegistry(roomStore), log, bus, Clock.systemUTC());
    private final ExecutorService loopA = Executors.newSingleThreadExecutor();
    private final ExecutorService loopB = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        for (ExecutorService pool : List.of(fanOut, loopA, loopB)) {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void membersOnBothNodesSeeOneRoomsEventsInOneOrder() throws Exception {
        Room roomA = nodeA.rooms().open("shared").toCompletableFuture().join();
        Room roomB = nodeB.rooms().open("Shared").toCompletableFuture().join();
        assertThat(roomB.ref()).as("node b finds the room node a created").isEqualTo(roomA.ref());

        List<RecordingMember> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(join(nodeA, roomA, new RecordingMember("a", nodeA.newMemberId(), loopA), "a" + i));
            members.add(join(nodeB, roomB, new RecordingMember("b", nodeB.newMemberId(), loopB), "b" + i));
        }
        assertThat(roomA.roster()).as("each node's roster holds the members of both").hasSize(6);
        assertThat(roomB.memberCount()).isEqualTo(6);

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
            // A member leaves and another joins while the posts go on: presence takes its place too.
            RecordingMember leaver = members.remove(0);
            nodeA.leave(roomA, leaver, "a0").toCompletableFuture().join();
            members.add(join(nodeB, roomB, new RecordingMember("b", nodeB.newMemberId(), loopB), "late"));
            CompletableFuture.allOf(posting.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        drain(loopA);
        drain(loopB);

        assertThat(log.messages()).hasSize(SENDERS * MESSAGES_EACH);
        // Everyone saw one and the same stream from its own join on, on either node: each
        // member's events are the tail of the first joiner's. Those present throughout saw every
        // message; the late joiner its own join first.
        List<String> reference = members.get(0).texts();
        for (RecordingMember member : members) {
            assertThat(reference).as("events seen by member %d of node %s", member.id(), member.node())
                    .endsWith(member.texts().toArray(String[]::new));
            assertInSequence(member);
        }
        for (RecordingMember member : members.subList(0, 5)) {
            assertThat(member.said()).hasSize(SENDERS * MESSAGES_EACH);
        }
        assertThat(members.get(5).texts().get(0)).isEqualTo("late has joined");
        assertThat(reference).contains("a0 has left", "late has joined");
    }

    /**
     * A member's events are in sequence order from its join on: messages numbered one after the
     * other, without a gap, and presence carrying the number of the last message before it.
     */
    private static void assertInSequence(RecordingMember member) {
        assertThat(member.events.get(0)).isInstanceOf(RoomEvent.Joined.class);
        long lastMessage = member.events.get(0).sequence();
        for (RoomEvent event : member.events) {
            if (event instanceof RoomEvent.Posted) {
                assertThat(event.sequence()).as("the message after %d", lastMessage).isEqualTo(lastMessage + 1);
                lastMessage = event.sequence();
            } else {
                assertThat(event.sequence()).as("presence carries the last message before it").isEqualTo(lastMessage);
            }
        }
    }

    private static RecordingMember join(ChatService node, Room room, RecordingMember member, String name) {
        node.join(room, member, name).toCompletableFuture().join();
        return member;
    }

    /** Waits for what a member's loop was handed so far. */
    private static void drain(ExecutorService loop) throws Exception {
        loop.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }
}
