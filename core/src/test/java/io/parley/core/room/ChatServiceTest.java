package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ChatServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log,
            new LocalRoomBus(), Clock.fixed(NOW, ZoneOffset.UTC));

    private Room open(String name) {
        return chat.rooms().open(name).toCompletableFuture().join();
    }

    private void join(Room room, RecordingMember member, String name) {
        chat.join(room, member, name).toCompletableFuture().join();
    }

    @Test
    void joinerSeesItsOwnJoinFirstAndOthersSeeTheAnnouncement() {
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1);
        RecordingMember bob = new RecordingMember(2);
        join(room, alice, "alice");
        join(room, bob, "bob");

        assertThat(alice.texts()).containsExactly("alice has joined", "bob has joined");
        assertThat(bob.texts()).containsExactly("bob has joined");
        assertThat(bob.events.get(0)).isInstanceOf(RoomEvent.Joined.class);
        assertThat(room.nameOf(bob)).contains("bob");
    }

    @Test
    void aRoomIsNotRemovedUnderAJoinOnItsWay() {
        Room room = open("r1");
        RecordingMember joining = new RecordingMember(1);
        MemberRef ref = MemberRef.of(joining, "joining");
        room.joinAppending(ref, joining); // a join the log has not called back yet

        assertThat(chat.removeIfUnused(room).toCompletableFuture().join()).isFalse();
        room.joinDone(ref, joining);
        assertThat(chat.removeIfUnused(room).toCompletableFuture().join()).isTrue();
        assertThatThrownBy(() -> join(room, new RecordingMember(2), "late")).hasMessageContaining("was deleted");
    }

    @Test
    void joinsAndLeavesArePresenceAndStoreNoMessage() {
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1);
        join(room, alice, "alice");
        ChatMessage said = chat.post(room, "alice", "hi").toCompletableFuture().join();
        long lastReceived = chat.leave(room, alice, "alice").toCompletableFuture().join();

        assertThat(log.messages()).as("history holds what people said").containsExactly(said);
        assertThat(lastReceived).as("the leave's place: after the room's first message").isEqualTo(1);
        assertThat(alice.said()).containsExactly("hi");
    }

    @Test
    void leaverSeesItsLeaveAndNothingAfter() {
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1);
        RecordingMember bob = new RecordingMember(2);
        join(room, alice, "alice");
        join(room, bob, "bob");
        chat.leave(room, bob, "bob").toCompletableFuture().join();
        chat.post(room, "alice", "anyone?").toCompletableFuture().join();

        assertThat(bob.texts()).containsExactly("bob has joined", "bob has left");
        assertThat(alice.texts()).containsExactly("alice has joined", "bob has joined", "bob has left", "anyone?");
        assertThat(room.hasMember(bob)).isFalse();
    }

    @Test
    void aMemberThatJoinsAgainUnderANewNameIsStillDeliveredEachMessageOnce() {
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1, new RecordingMember.DirectLoop());
        join(room, alice, "alice");
        join(room, alice, "alicia");
        chat.post(room, "bob", "hello").toCompletableFuture().join();
        chat.leave(room, alice, "alicia").toCompletableFuture().join();
        chat.post(room, "bob", "gone?").toCompletableFuture().join();

        assertThat(alice.texts()).containsExactly("alice has joined", "alicia has joined", "hello", "alicia has left");
        assertThat(room.nameOf(alice)).isEmpty();
        assertThat(room.memberCount()).isZero();
    }

    @Test
    void everyMessageReachesExactlyTheMembersPresentWhenItWasSaid() {
        // Members on two loops and membership changing between messages: the room's grouping
        // of its members by loop must follow every join and leave.
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1, new RecordingMember.DirectLoop());
        RecordingMember bob = new RecordingMember(2, new RecordingMember.DirectLoop());
        RecordingMember carol = new RecordingMember(3, alice.executor());
        join(room, alice, "alice");
        say(room, "alice", "one");
        join(room, bob, "bob");
        say(room, "bob", "two");
        chat.leave(room, alice, "alice").toCompletableFuture().join();
        say(room, "bob", "three");
        join(room, carol, "carol");
        say(room, "carol", "four");

        assertThat(alice.texts()).containsExactly("alice has joined", "one", "bob has joined", "two", "alice has left");
        assertThat(bob.texts()).containsExactly("bob has joined", "two", "alice has left", "three", "carol has joined",
                "four");
        assertThat(carol.texts()).containsExactly("carol has joined", "four");
    }

    private void say(Room room, String author, String text) {
        chat.post(room, author, text).toCompletableFuture().join();
    }

    @Test
    void messagesAreStampedAndStoredBeforeDelivery() {
        Room room = open("room1");
        RecordingMember alice = new RecordingMember(1);
        chat.join(room, alice, "alice").toCompletableFuture().join();
        ChatMessage first = chat.post(room, "alice", "one").toCompletableFuture().join();
        ChatMessage second = chat.post(room, "alice", "two").toCompletableFuture().join();

        assertThat(first.time()).isEqualTo(NOW);
        assertThat(first.roomRef()).isEqualTo(room.ref());
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(log.messages()).containsExactly(first, second);
        assertThat(alice.said()).containsExactly("one", "two");
    }

    @Test
    void everyMemberSeesConcurrentPostsInTheSameOrder() throws Exception {
        Room room = open("busy");
        List<RecordingMember> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingMember member = new RecordingMember(i);
            members.add(member);
            chat.join(room, member, "m" + i).toCompletableFuture().join();
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                sent.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 500; i++) {
                        chat.post(room, "m" + sender, sender + ":" + i);
                    }
                }, senders));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }
        List<String> reference = members.get(0).said();
        assertThat(reference).hasSize(2000);
        for (RecordingMember member : members) {
            assertThat(member.said()).isEqualTo(reference);
        }
    }

    @Test
    void aMessageTheLogCannotStoreReachesNobody() {
        ChatService failing = chatFailingToStore(RoomEvent.Posted.class);
        Room room = failing.rooms().open("r").toCompletableFuture().join();
        RecordingMember alice = new RecordingMember(1);
        failing.join(room, alice, "alice").toCompletableFuture().join();

        assertThatThrownBy(() -> failing.post(room, "alice", "lost").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("disk full");
        assertThat(alice.said()).isEmpty();
    }

    @Test
    void messageIdsContinueAfterTheLastStoredOne() {
        Room room = open("r");
        chat.post(room, "a", "x").toCompletableFuture().join();
        ChatMessage last = chat.post(room, "a", "y").toCompletableFuture().join();
        ChatService restarted = new ChatService(new RoomRegistry(new InMemoryRoomStore()), log,
                new LocalRoomBus(), Clock.systemUTC());
        Room again = restarted.rooms().open("r").toCompletableFuture().join();

        assertThat(restarted.post(again, "a", "z").toCompletableFuture().join().id()).isEqualTo(last.id() + 1);
    }

    @Test
    void aMemberWhoseLeaveCannotBeStoredStillLeavesTheRoom() {
        ChatService failing = chatFailingToStore(RoomEvent.Left.class);
        Room room = failing.rooms().open("r").toCompletableFuture().join();
        RecordingMember alice = new RecordingMember(1);
        RecordingMember bob = new RecordingMember(2);
        failing.join(room, alice, "alice").toCompletableFuture().join();
        failing.join(room, bob, "bob").toCompletableFuture().join();

        assertThatThrownBy(() -> failing.leave(room, bob, "bob")
                .toCompletableFuture().join()).hasMessageContaining("disk full");
        assertThat(room.hasMember(bob)).isFalse();
        assertThat(alice.texts()).as("the others still learn that bob left")
                .containsExactly("alice has joined", "bob has joined", "bob has left");
    }

    /** A core whose log refuses every event of one kind, as a full disk would. */
    private static ChatService chatFailingToStore(Class<? extends RoomEvent> kind) {
        InMemoryEventLog working = new InMemoryEventLog();
        EventLog broken = (event, done) -> {
            if (kind.isInstance(event)) {
                done.accept(event, new IllegalStateException("disk full"));
            } else {
                working.append(event, done);
            }
        };
        return new ChatService(new RoomRegistry(new InMemoryRoomStore()), broken, new LocalRoomBus(), Clock.systemUTC());
    }
}
