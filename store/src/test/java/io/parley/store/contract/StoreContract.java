package io.parley.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.Store;
import io.parley.core.account.AccountRecord;
import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.directory.DirectoryEntry;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRecord;
import io.parley.core.room.RoomReplay;
import io.parley.core.room.RoomModes;
import io.parley.core.room.RoomTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, whatever database is behind it: each store's test class
 * extends this and says how to open (and, called again, reopen: a restart) one store on one fresh
 * database. Published in parley-store's test-jar for the other stores' modules.
 */
public abstract class StoreContract {

    /** Opens the store on this test's database; a second call after a close is a restart. */
    protected abstract Store open() throws Exception;

    @Test
    void roomsKeepTheirRefsAcrossARestart() throws Exception {
        int ref;
        try (Store store = open()) {
            store.rooms().create("room1").toCompletableFuture().join();
            ref = store.rooms().create("room2").toCompletableFuture().join().ref();
        }
        try (Store store = open()) {
            assertThat(store.rooms().loadAll()).extracting(RoomRecord::name).containsExactly("room1", "room2");
            assertThat(store.rooms().loadAll()).filteredOn(r -> r.name().equals("room2"))
                    .extracting(RoomRecord::ref).containsExactly(ref);
        }
    }

    @Test
    void aSecondRoomWithTheSameFoldedNameIsRefused() throws Exception {
        try (Store store = open()) {
            store.rooms().create("Lobby").toCompletableFuture().join();

            assertThatThrownBy(() -> store.rooms().create("lobby").toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class);
            assertThat(store.rooms().create("other").toCompletableFuture().join().name()).isEqualTo("other");
        }
    }

    @Test
    void aRoomIsFoundByNameWhateverItsCase() throws Exception {
        try (Store store = open()) {
            RoomRecord made = store.rooms().create("Shared").toCompletableFuture().join();

            assertThat(store.rooms().find("shared").toCompletableFuture().join()).contains(made);
            assertThat(store.rooms().find("other").toCompletableFuture().join()).isEmpty();
        }
    }

    @Test
    void aTopicOutlivesARestartAndIsReplacedOrClearedWhole() throws Exception {
        Instant first = Instant.ofEpochMilli(1_700_000_000_123L);
        Instant later = first.plusSeconds(60);
        int ref;
        int other;
        try (Store store = open()) {
            ref = store.rooms().create("topical").toCompletableFuture().join().ref();
            other = store.rooms().create("other").toCompletableFuture().join().ref();
            store.rooms().setTopic(new RoomTopic(ref, "first topic", "alice", first)).toCompletableFuture().join();
            store.rooms().setTopic(new RoomTopic(ref, "second topic", "bob", later)).toCompletableFuture().join();
            store.rooms().setTopic(new RoomTopic(other, "gone soon", "carol", first)).toCompletableFuture().join();
            store.rooms().clearTopic(other).toCompletableFuture().join();
        }
        try (Store store = open()) {
            assertThat(store.rooms().loadTopics()).containsExactly(new RoomTopic(ref, "second topic", "bob", later));
            // A room removed for good takes its topic with it.
            store.rooms().setTopic(new RoomTopic(other, "again", "carol", first)).toCompletableFuture().join();
            assertThat(store.rooms().removeIfEmpty(other).toCompletableFuture().join()).isTrue();
            assertThat(store.rooms().loadTopics()).extracting(RoomTopic::roomRef).containsExactly(ref);
        }
    }

    @Test
    void aRoomsModesOutliveARestartTheirListsChangedEntryByEntry() throws Exception {
        Instant first = Instant.ofEpochMilli(1_700_000_000_123L);
        Instant later = first.plusSeconds(60);
        int ref;
        int other;
        RoomModes.Entry ban = new RoomModes.Entry('b', "*!*@bad.example", "op!~op@host", first);
        RoomModes.Entry invited = new RoomModes.Entry('I', "friend!*@*", "op!~op@host", first);
        RoomModes.Entry exception = new RoomModes.Entry('e', "good!*@bad.example", "op2!~op@host", later);
        try (Store store = open()) {
            ref = store.rooms().create("moded").toCompletableFuture().join().ref();
            other = store.rooms().create("plain").toCompletableFuture().join().ref();
            store.rooms().changeModes(new RoomModes.Change(ref, "int", "", true, "secret", 5, List.of(ban, invited), List.of()))
                    .toCompletableFuture().join();
            // The same mask in another case is the same entry; removing one takes it whatever its case.
            // Each change sets or clears only what it names (+m on one node, -kl on another): both are kept.
            store.rooms().changeModes(new RoomModes.Change(ref, "m", "", false, null, RoomModes.Change.LIMIT_UNCHANGED,
                    List.of(), List.of())).toCompletableFuture().join();
            store.rooms().changeModes(new RoomModes.Change(ref, "", "", true, null, 0,
                    List.of(exception, new RoomModes.Entry('b', "*!*@BAD.example", "x", later)),
                    List.of(new RoomModes.Entry('I', "FRIEND!*@*", "op", later)))).toCompletableFuture().join();
            assertThat(store.rooms().loadModes(other).toCompletableFuture().join()).isEmpty();
        }
        try (Store store = open()) {
            RoomModes expected = new RoomModes(ref, "imnt", null, 0, List.of(ban, exception));
            assertThat(store.rooms().loadModes()).containsExactly(expected);
            assertThat(store.rooms().loadModes(ref).toCompletableFuture().join()).contains(expected);
            store.rooms().changeModes(new RoomModes.Change(other, "n", "", true, "k", 0, List.of(ban), List.of()))
                    .toCompletableFuture().join();
            // A room removed for good takes its modes with it.
            assertThat(store.rooms().removeIfEmpty(other).toCompletableFuture().join()).isTrue();
            assertThat(store.rooms().loadModes()).extracting(RoomModes::roomRef).containsExactly(ref);
        }
    }

    @Test
    void aRoomThatHoldsMessagesIsKeptAndOneThatDoesNotIsRemovedForGood() throws Exception {
        try (Store store = open()) {
            int quiet = store.rooms().create("quiet").toCompletableFuture().join().ref();
            Room spoken = room(store, "spoken");
            append(store, posted(spoken, 1));

            assertThat(store.rooms().removeIfEmpty(quiet).toCompletableFuture().join()).isTrue();
            assertThat(store.rooms().removeIfEmpty(spoken.ref()).toCompletableFuture().join()).isFalse();
            assertThat(store.rooms().create("quiet").toCompletableFuture().join().ref())
                    .as("a ref is never used again").isNotEqualTo(quiet);
        }
    }

    @Test
    void appendedEventsArePlacedInTheirRoomsAndCalledBackInOrder() throws Exception {
        List<RoomEvent> calledBack = new CopyOnWriteArrayList<>();
        Room one;
        Room two;
        try (Store store = open()) {
            one = room(store, "one");
            two = room(store, "two");
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                Room room = i % 3 == 0 ? two : one;
                RoomEvent event = i % 50 == 0 ? joined(room, i, "m" + i) : posted(room, i);
                CompletableFuture<Void> stored = new CompletableFuture<>();
                all.add(stored);
                store.events().append(event, (placed, error) -> {
                    assertThat(error).isNull();
                    calledBack.add(placed);
                    stored.complete(null);
                });
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(calledBack).hasSize(300);
        List<Long> ids = calledBack.stream().flatMap(e -> e.message().stream()).map(ChatMessage::id).toList();
        assertThat(ids).as("unique and increasing in the log's order").isSorted().doesNotHaveDuplicates();
        assertThat(calledBack.stream().flatMap(e -> e.message().stream()).map(ChatMessage::time).toList()).isSorted();
        for (Room room : List.of(one, two)) {
            long expected = 0;
            for (RoomEvent event : calledBack.stream().filter(e -> e.room().equals(room.id())).toList()) {
                if (event instanceof RoomEvent.Posted) {
                    expected++;
                }
                assertThat(event.sequence()).as("messages numbered 1, 2, ...; a join takes the last one").isEqualTo(expected);
            }
        }
        try (Store store = open()) {
            RoomEvent.Posted next = append(store, posted(one, 0));
            assertThat(next.chat().id()).as("ids go on after a restart").isGreaterThan(ids.get(ids.size() - 1));
            assertThat(next.sequence()).isEqualTo(calledBack.stream()
                    .filter(e -> e.room().equals(one.id()) && e instanceof RoomEvent.Posted).count() + 1);
        }
    }

    @Test
    void aRoomsChatMessagesAreReadInWindowsBySequenceAndTimeAcrossARestart() throws Exception {
        Instant base = Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Room room;
        try (Store store = open()) {
            room = room(store, "window");
            Room other = room(store, "elsewhere");
            for (int i = 1; i <= 6; i++) {
                Instant at = base.plusMillis(100L * i);
                append(store, new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED,
                        new ChatMessage(0, at, room.ref(), "a", ChatMessage.Kind.CHAT, "t" + i)));
                append(store, new RoomEvent.Posted(other.id(), RoomEvent.UNPLACED,
                        new ChatMessage(0, at, other.ref(), "b", ChatMessage.Kind.CHAT, "o" + i)));
            }
        }
        try (Store store = open()) {
            RoomReplay replay = store.replay();
            assertThat(texts(replay, room, RoomReplay.Window.all(true, 2))).as("latest two, oldest first").containsExactly("t5", "t6");
            assertThat(texts(replay, room, RoomReplay.Window.all(false, 2))).as("first two").containsExactly("t1", "t2");
            assertThat(texts(replay, room, RoomReplay.Window.all(true, 100))).containsExactly("t1", "t2", "t3", "t4", "t5", "t6");
            assertThat(texts(replay, room, RoomReplay.Window.all(true, 2).beforeSequence(4))).as("before #4").containsExactly("t2", "t3");
            assertThat(texts(replay, room, RoomReplay.Window.all(false, 2).afterSequence(4))).containsExactly("t5", "t6");
            assertThat(texts(replay, room, RoomReplay.Window.all(false, 10).afterSequence(1).beforeSequence(4))).containsExactly("t2", "t3");
            long third = base.plusMillis(300).toEpochMilli();
            assertThat(texts(replay, room, RoomReplay.Window.all(false, 10).afterMillis(third))).as("strictly after t3's time")
                    .containsExactly("t4", "t5", "t6");
            assertThat(texts(replay, room, RoomReplay.Window.all(true, 10).beforeMillis(third))).containsExactly("t1", "t2");
            assertThat(texts(replay, room, RoomReplay.Window.all(true, 1).afterMillis(third - 50).beforeMillis(third + 50)))
                    .containsExactly("t3");
            List<RoomEvent.Posted> one = replay.window(room.id(), RoomReplay.Window.all(true, 1)).toCompletableFuture().join();
            assertThat(one.get(0).sequence()).isEqualTo(6);
            assertThat(one.get(0).chat().time()).isEqualTo(base.plusMillis(600));
        }
    }

    private static List<String> texts(RoomReplay replay, Room room, RoomReplay.Window window) {
        return replay.window(room.id(), window).toCompletableFuture().join().stream().map(p -> p.chat().text()).toList();
    }

    @Test
    void storedMessagesAreReadBackBySequenceAsTheLogPlacedThem() throws Exception {
        try (Store store = open()) {
            Room room = room(store, "replay");
            Room other = room(store, "other");
            List<RoomEvent.Posted> placed = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                placed.add(append(store, posted(room, i)));
                append(store, posted(other, i));
            }
            List<RoomEvent.Posted> after2 = store.replay().messagesAfter(room.id(), 2, 10).toCompletableFuture().join();
            assertThat(after2).extracting(RoomEvent::sequence).containsExactly(3L, 4L, 5L);
            assertThat(after2.get(0).room()).isEqualTo(room.id());
            assertThat(after2.get(0).chat().id()).isEqualTo(placed.get(2).chat().id());
            assertThat(after2.get(0).chat().text()).isEqualTo("t3");
            assertThat(after2.get(0).chat().time()).as("to the millisecond the store keeps")
                    .isEqualTo(placed.get(2).chat().time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(store.replay().messagesAfter(room.id(), 0, 2).toCompletableFuture().join())
                    .extracting(RoomEvent::sequence).containsExactly(1L, 2L);
            assertThat(store.replay().messagesAfter(room.id(), 5, 10).toCompletableFuture().join()).isEmpty();
        }
    }

    @Test
    void aFailedAppendIsReportedWithoutFailingItsNeighboursOrTakingANumber() throws Exception {
        try (Store store = open()) {
            Room room = room(store, "r");
            Room missing = new Room(999, "missing");
            List<Throwable> outcomes = new CopyOnWriteArrayList<>();
            List<RoomEvent> placed = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> last = new CompletableFuture<>();
            store.events().append(posted(room, 1), (event, error) -> {
                outcomes.add(error);
                placed.add(event);
            });
            store.events().append(posted(missing, 2), (event, error) -> outcomes.add(error)); // no such room
            store.events().append(posted(room, 3), (event, error) -> {
                outcomes.add(error);
                placed.add(event);
                last.complete(null);
            });
            last.join();

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0)).isNull();
            assertThat(outcomes.get(1)).isNotNull();
            assertThat(outcomes.get(2)).isNull();
            assertThat(placed).extracting(RoomEvent::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void accountsAreFoundWhateverTheCaseAndNamesAreUnique() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("Alice", "$argon2id$hash", Optional.empty())).toCompletableFuture().join();
            store.accounts().setPublicKey("alice", "KEY").toCompletableFuture().join();

            assertThat(store.accounts().find("ALICE").toCompletableFuture().join())
                    .contains(new AccountRecord("Alice", "$argon2id$hash", Optional.of("KEY")));
            assertThat(store.accounts().find("bob").toCompletableFuture().join()).isEmpty();
            assertThatThrownBy(() -> store.accounts().create(new AccountRecord("alice", "x", Optional.empty()))
                    .toCompletableFuture().join()).isInstanceOf(CompletionException.class);
            assertThat(store.accounts().loadNames()).containsExactly("Alice");
        }
    }

    @Test
    void historyHoldsTheLobbyMessagesOfTheUsersSessionsAndItsPrivateMessages() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            Room other = room(store, "other");
            say(store, lobby, 1, "bob", "before alice logged in");
            long session = store.history().openSession("alice", 1).toCompletableFuture().join();
            say(store, lobby, 2, "bob", "hi alice");
            say(store, other, 3, "bob", "another room");
            say(store, lobby, 4, "alice", "hi bob");
            store.history().closeSession(session, 3).toCompletableFuture().join(); // the lobby's third message
            say(store, lobby, 5, "bob", "after alice left");
            store.history().addPrivate(new PrivateMessage(Instant.ofEpochMilli(3500), "bob", "alice", true, "CIPHER"))
                    .toCompletableFuture().join();

            assertThat(store.history().history("Alice", lobby.ref()).toCompletableFuture().join()).containsExactly(
                    new HistoryEntry(Instant.ofEpochMilli(2000), HistoryEntry.Kind.ROOM, "bob", "lobby", false, "hi alice"),
                    new HistoryEntry(Instant.ofEpochMilli(3500), HistoryEntry.Kind.PRIVATE, "bob", "alice", true, "CIPHER"),
                    new HistoryEntry(Instant.ofEpochMilli(4000), HistoryEntry.Kind.ROOM, "alice", "lobby", false, "hi bob"));
        }
    }

    @Test
    void aRedactedMessageLosesItsTextAndLeavesHistoryButKeepsItsNumber() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            store.history().openSession("alice", 0).toCompletableFuture().join();
            say(store, lobby, 1, "bob", "kept");
            say(store, lobby, 2, "bob", "regretted");
            say(store, lobby, 3, "bob", "kept too");

            assertThat(store.rooms().redact(lobby.ref(), 2, "bob", Instant.ofEpochMilli(5000)).toCompletableFuture().join())
                    .isTrue();
            assertThat(store.rooms().redact(lobby.ref(), 2, "bob", Instant.ofEpochMilli(6000)).toCompletableFuture().join())
                    .as("once").isFalse();
            assertThat(store.rooms().redact(lobby.ref(), 9, "bob", Instant.ofEpochMilli(6000)).toCompletableFuture().join())
                    .as("no such message").isFalse();

            assertThat(store.replay().window(lobby.id(), RoomReplay.Window.all(false, 10)).toCompletableFuture().join())
                    .extracting(posted -> posted.chat().text()).containsExactly("kept", "kept too");
            assertThat(store.history().history("alice", lobby.ref()).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("kept", "kept too");
            assertThat(next(store.history().pages("alice", lobby.ref()), 1000))
                    .extracting(HistoryEntry::text).containsExactly("kept", "kept too");
            assertThat(store.replay().messagesAfter(lobby.id(), 0, 10).toCompletableFuture().join())
                    .as("the room's order has no gap; the text is gone").extracting(posted -> posted.chat().text())
                    .containsExactly("kept", "", "kept too");
        }
    }

    @Test
    void aConversationIsReadByEitherPartyInOrderWithinItsWindowAndNoOneElse() throws Exception {
        try (Store store = open()) {
            long first = dm(store, 1000, "alice", "", "bob", "", "one");
            long second = dm(store, 2000, "Bob", "", "alice", "", "two");
            dm(store, 2500, "alice", "", "carol", "", "to carol");
            long third = dm(store, 3000, "alice", "", "BOB", "", "three");
            Party alice = new Party("ALICE", "");

            assertThat(conversation(store, alice, "bob", RoomReplay.Window.all(false, 10)))
                    .extracting(PrivateMessage::body).containsExactly("one", "two", "three");
            assertThat(conversation(store, new Party("bob", ""), "Alice", RoomReplay.Window.all(true, 2)))
                    .as("the newest two, oldest first").extracting(PrivateMessage::body).containsExactly("two", "three");
            assertThat(conversation(store, alice, "bob", RoomReplay.Window.all(false, 10).afterSequence(first)
                    .beforeSequence(third))).extracting(PrivateMessage::id).containsExactly(second);
            assertThat(conversation(store, alice, "bob", RoomReplay.Window.all(true, 10).beforeMillis(2000)))
                    .extracting(PrivateMessage::body).containsExactly("one");
            assertThat(conversation(store, new Party("carol", ""), "bob", RoomReplay.Window.all(true, 10))).isEmpty();
            assertThat(conversation(store, alice, "bob", RoomReplay.Window.all(false, 10)).get(1))
                    .isEqualTo(new PrivateMessage(second, Instant.ofEpochMilli(2000), "Bob", "", "alice", "", false, "two"));
        }
    }

    @Test
    void aGuestsConversationsAreItsConnectionsAloneAndNotAnAccountsOfTheSameName() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            dm(store, 1000, "alice", "", "dave", "guest-1", "hello guest");
            dm(store, 2000, "dave", "guest-1", "alice", "", "hello alice");
            dm(store, 3000, "alice", "", "dave", "", "hello account dave");

            assertThat(conversation(store, new Party("alice", ""), "dave", RoomReplay.Window.all(false, 10)))
                    .as("alice was a party to all three").extracting(PrivateMessage::body)
                    .containsExactly("hello guest", "hello alice", "hello account dave");
            assertThat(conversation(store, new Party("dave", "guest-1"), "alice", RoomReplay.Window.all(false, 10)))
                    .extracting(PrivateMessage::body).containsExactly("hello guest", "hello alice");
            assertThat(conversation(store, new Party("dave", ""), "alice", RoomReplay.Window.all(false, 10)))
                    .as("the account dave, registered later").extracting(PrivateMessage::body)
                    .containsExactly("hello account dave");
            assertThat(conversation(store, new Party("dave", "guest-2"), "alice", RoomReplay.Window.all(false, 10))).isEmpty();
            assertThat(store.history().history("dave", lobby.ref()).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("hello account dave");
            assertThat(store.history().pages("dave", lobby.ref()).next(100, e -> 1).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("hello account dave");
        }
    }

    @Test
    void theLastMessageOfEachConversationIsListedWhenItIsInsideTheWindowOldestFirst() throws Exception {
        try (Store store = open()) {
            dm(store, 1000, "alice", "", "bob", "", "to bob");
            dm(store, 2000, "carol", "", "alice", "", "from carol");
            dm(store, 3000, "alice", "", "alice", "", "to myself");
            dm(store, 4000, "bob", "", "alice", "", "bob again");
            dm(store, 4500, "bob", "", "carol", "", "not alice's");
            Party alice = new Party("alice", "");

            assertThat(store.history().lastOfConversations(alice, 0, 10_000, 10).toCompletableFuture().join())
                    .extracting(PrivateMessage::body).containsExactly("from carol", "to myself", "bob again");
            assertThat(store.history().lastOfConversations(alice, 0, 4000, 10).toCompletableFuture().join())
                    .as("bob's last message is later: bob is not listed").extracting(PrivateMessage::body)
                    .containsExactly("from carol", "to myself");
            assertThat(store.history().lastOfConversations(alice, 2000, 10_000, 1).toCompletableFuture().join())
                    .extracting(PrivateMessage::body).containsExactly("to myself");
        }
    }

    @Test
    void onlyItsSenderRedactsAPrivateMessageWhichThenLeavesEveryHistory() throws Exception {
        try (Store store = open()) {
            Room lobby = room(store, "lobby");
            long kept = dm(store, 1000, "alice", "", "bob", "", "kept");
            long regretted = dm(store, 2000, "alice", "", "bob", "", "regretted");
            Party alice = new Party("alice", "");
            Instant now = Instant.ofEpochMilli(3000);

            assertThat(store.history().redactPrivate(regretted, new Party("bob", ""), "alice", now).toCompletableFuture().join())
                    .as("not bob's").isFalse();
            assertThat(store.history().redactPrivate(regretted, new Party("alice", "guest"), "bob", now)
                    .toCompletableFuture().join()).as("not a guest alice's").isFalse();
            assertThat(store.history().redactPrivate(regretted, alice, "carol", now).toCompletableFuture().join())
                    .as("not to carol").isFalse();
            assertThat(store.history().redactPrivate(regretted, alice, "BOB", now).toCompletableFuture().join()).isTrue();
            assertThat(store.history().redactPrivate(regretted, alice, "bob", now).toCompletableFuture().join())
                    .as("once").isFalse();

            assertThat(conversation(store, new Party("bob", ""), "alice", RoomReplay.Window.all(false, 10)))
                    .extracting(PrivateMessage::id).containsExactly(kept);
            assertThat(store.history().lastOfConversations(alice, 0, 10_000, 10).toCompletableFuture().join())
                    .extracting(PrivateMessage::body).containsExactly("kept");
            assertThat(store.history().history("bob", lobby.ref()).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("kept");
            assertThat(next(store.history().pages("bob", lobby.ref()), 1000)).extracting(HistoryEntry::text)
                    .containsExactly("kept");
        }
    }

    private static long dm(Store store, long millis, String from, String fromGuest, String to, String toGuest, String body) {
        return store.history().addPrivate(new PrivateMessage(0, Instant.ofEpochMilli(millis), from, fromGuest, to, toGuest,
                false, body)).toCompletableFuture().join();
    }

    private static List<PrivateMessage> conversation(Store store, Party reader, String other, RoomReplay.Window window) {
        return store.history().conversation(reader, other, window).toCompletableFuture().join();
    }

    @Test
    void overlappingAndOpenSessionsListEachLobbyMessageOnce() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            say(store, lobby, 1, "bob", "one");
            long first = store.history().openSession("alice", 1).toCompletableFuture().join();
            say(store, lobby, 2, "bob", "two");
            store.history().openSession("alice", 2).toCompletableFuture().join(); // a second login, still open
            say(store, lobby, 3, "bob", "three");
            store.history().closeSession(first, 3).toCompletableFuture().join();
            say(store, lobby, 4, "bob", "four");

            assertThat(store.history().history("alice", lobby.ref()).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("two", "three", "four");
        }
    }

    @Test
    void aSessionLeftOpenByACrashEndsAtTheLastMessageBeforeTheRestart() throws Exception {
        int lobbyRef;
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            lobbyRef = lobby.ref();
            store.history().openSession("alice", 0).toCompletableFuture().join();
            say(store, lobby, 1, "bob", "while alice was on");
        }
        try (Store store = open()) {
            Room lobby = new Room(lobbyRef, "lobby");
            say(store, lobby, 2, "bob", "after the restart");

            assertThat(store.history().history("alice", lobbyRef).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("while alice was on");
        }
    }

    @Test
    void pagesListTheSameHistoryAsOneReadAndStopAtWhatWasStoredWhenTheyBegan() throws Exception {
        try (Store store = open()) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = room(store, "lobby");
            say(store, lobby, 1, "bob", "before");
            long first = store.history().openSession("alice", 1).toCompletableFuture().join();
            for (long id = 2; id < 600; id++) {
                say(store, lobby, id, "bob", "m" + id);
                if (id % 7 == 0) { // same time as message id, and one in between: ties go to broadcasts
                    store.history().addPrivate(new PrivateMessage(Instant.ofEpochMilli(1000 * id), "bob", "alice",
                            false, "p" + id)).toCompletableFuture().join();
                    store.history().addPrivate(new PrivateMessage(Instant.ofEpochMilli(1000 * id + 500), "alice",
                            "alice", false, "self" + id)).toCompletableFuture().join();
                }
                if (id == 300) {
                    store.history().openSession("alice", 250).toCompletableFuture().join(); // overlaps, stays open
                }
            }
            store.history().closeSession(first, 400).toCompletableFuture().join();
            List<HistoryEntry> whole = store.history().history("alice", lobby.ref()).toCompletableFuture().join();

            HistoryPages pages = store.history().pages("alice", lobby.ref());
            List<HistoryEntry> paged = new ArrayList<>(pages.next(1, e -> e.text().length()).toCompletableFuture().join());
            assertThat(paged).hasSize(1);
            say(store, lobby, 600, "bob", "after the reading began");
            for (List<HistoryEntry> page = next(pages, 100); !page.isEmpty(); page = next(pages, 100)) {
                assertThat(page.stream().mapToInt(e -> e.text().length()).sum()).isLessThan(100 + 10);
                paged.addAll(page);
            }
            assertThat(paged).hasSize(whole.size()).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void theDirectoryKeepsItsRoomsAcrossARestartAndRefusesATakenName() throws Exception {
        DirectoryEntry kept;
        try (Store store = open()) {
            int ref1 = store.rooms().create("r1").toCompletableFuture().join().ref();
            int ref2 = store.rooms().create("r2").toCompletableFuture().join().ref();
            kept = new DirectoryEntry("r1", "239.0.0.1", 5000, ref1);
            store.directory().add(kept).toCompletableFuture().join();
            DirectoryEntry gone = new DirectoryEntry("r2", "239.0.0.2", 5000, ref2);
            store.directory().add(gone).toCompletableFuture().join();
            store.directory().remove(gone).toCompletableFuture().join();
            assertThatThrownBy(() -> store.directory().add(new DirectoryEntry("R1", "239.0.0.3", 5000, ref2))
                    .toCompletableFuture().join()).isInstanceOf(CompletionException.class);
        }
        try (Store store = open()) {
            assertThat(store.directory().loadAll()).containsExactly(kept);
        }
    }

    @Test
    void aWriteProbeSucceedsOnAWorkingStore() throws Exception {
        try (Store store = open()) {
            store.probeWrite().join();
            assertThat(store.queuedBytes()).isGreaterThanOrEqualTo(0);
        }
    }

    // Helpers, public for the stores' own tests.

    public static Room room(Store store, String name) {
        RoomRecord record = store.rooms().create(name).toCompletableFuture().join();
        return new Room(record.ref(), record.name());
    }

    /** A message to append as {@code ChatService} does: not yet placed, its id the store's to give. */
    public static RoomEvent.Posted posted(Room room, long i) {
        return new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED,
                new ChatMessage(0, Instant.now(), room.ref(), "a", ChatMessage.Kind.CHAT, "t" + i));
    }

    public static RoomEvent.Joined joined(Room room, long memberId, String name) {
        return new RoomEvent.Joined(room.id(), RoomEvent.UNPLACED, new MemberRef(Member.LOCAL_NODE, memberId, name));
    }

    /** Appends and waits for the event as placed; fails as the store failed it. */
    public static RoomEvent.Posted append(Store store, RoomEvent event) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(event, (stored, error) -> {
            if (error == null) {
                placed.complete(stored);
            } else {
                placed.completeExceptionally(error);
            }
        });
        return (RoomEvent.Posted) placed.join();
    }

    private static void say(Store store, Room room, long id, String author, String text) {
        ChatMessage message = new ChatMessage(id, Instant.ofEpochMilli(1000 * id), room.ref(), author,
                ChatMessage.Kind.CHAT, text);
        append(store, new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED, message));
    }

    private static List<HistoryEntry> next(HistoryPages pages, int maxChars) {
        return pages.next(maxChars, e -> e.text().length()).toCompletableFuture().join();
    }
}
