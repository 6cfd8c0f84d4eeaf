package io.parley.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.room.ChatService;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.RecordingMember;
import io.parley.core.room.Room;
import io.parley.core.room.RoomRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RoomDirectoryTest {

    private static final String HERE = "192.0.2.1";

    private final ChatService chat = new ChatService(new RoomRegistry(new InMemoryRoomStore()), new InMemoryEventLog(),
            new LocalRoomBus(), Clock.systemUTC());
    private final RoomRegistry rooms = chat.rooms();
    private final InMemoryDirectoryStore store = new InMemoryDirectoryStore();
    private final RoomDirectory directory = new RoomDirectory(chat, store, 0);

    private static <T> T done(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void aMadeRoomIsListedAndIsACoreRoomOfTheSameName() {
        DirectoryChange change = done(directory.make("r1", "239.0.0.1", 5000, HERE));

        assertThat(change).isInstanceOf(DirectoryChange.Created.class);
        DirectoryEntry entry = ((DirectoryChange.Created) change).entry();
        assertThat(directory.list()).containsExactly(entry);
        assertThat(rooms.byName("r1")).map(Room::ref).contains(entry.roomRef());
    }

    @Test
    void anExistingCoreRoomKeepsItsRef() {
        int lobby = done(rooms.open("Lobby")).ref();

        DirectoryChange change = done(directory.make("lobby", "239.0.0.1", 5000, HERE));

        assertThat(((DirectoryChange.Created) change).entry().roomRef()).isEqualTo(lobby);
    }

    @Test
    void theListIsSortedByNameInByteOrder() {
        done(directory.make("b", "239.0.0.1", 5000, HERE));
        done(directory.make("a", "239.0.0.2", 5000, HERE));
        done(directory.make("B2", "239.0.0.3", 5000, HERE));

        assertThat(directory.list()).extracting(DirectoryEntry::name).containsExactly("B2", "a", "b");
    }

    @Test
    void aTakenNameOrGroupChangesNothing() {
        DirectoryEntry r1 = ((DirectoryChange.Created) done(directory.make("r1", "239.0.0.1", 5000, HERE))).entry();

        assertThat(done(directory.make("R1", "239.0.0.2", 5000, HERE))).isEqualTo(new DirectoryChange.NameTaken(r1));
        assertThat(done(directory.make("r2", "239.0.0.1", 5000, HERE))).isEqualTo(new DirectoryChange.GroupTaken(r1));
        assertThat(done(directory.make("r2", "239.0.0.1", 5001, HERE))).isInstanceOf(DirectoryChange.Created.class);
        assertThat(directory.list()).extracting(DirectoryEntry::name).containsExactly("r1", "r2");
    }

    @Test
    void aDeletedRoomFreesItsNameAndGroupAndItsUnusedCoreRoomGoesToo() {
        DirectoryEntry r1 = ((DirectoryChange.Created) done(directory.make("r1", "239.0.0.1", 5000, HERE))).entry();

        assertThat(done(directory.delete("R1"))).isEqualTo(new DirectoryChange.Deleted(r1));
        assertThat(done(directory.delete("r1"))).isEqualTo(new DirectoryChange.NotFound("r1"));
        assertThat(directory.list()).isEmpty();
        assertThat(rooms.byName("r1")).as("nobody used it: it is gone, ref and all").isEmpty();
        assertThat(done(directory.make("other", "239.0.0.1", 5000, HERE))).isInstanceOf(DirectoryChange.Created.class);
        assertThat(done(rooms.open("r1")).ref()).as("a new room of that name").isNotEqualTo(r1.roomRef());
    }

    @Test
    void aDeletedRoomWithMembersStaysACoreRoomWithItsMembers() {
        DirectoryEntry r1 = ((DirectoryChange.Created) done(directory.make("r1", "239.0.0.1", 5000, HERE))).entry();
        Room room = rooms.byRef(r1.roomRef()).orElseThrow();
        RecordingMember alice = new RecordingMember(1);
        done(chat.join(room, alice, "alice"));

        assertThat(done(directory.delete("r1"))).isEqualTo(new DirectoryChange.Deleted(r1));

        assertThat(directory.list()).isEmpty();
        assertThat(rooms.byName("r1")).containsSame(room);
        assertThat(room.hasMember(alice)).isTrue();
        done(chat.post(room, "alice", "still here"));
        assertThat(alice.said()).containsExactly("still here");
    }

    @Test
    void anOriginHoldsAtMostItsShareOfEntries() {
        RoomDirectory capped = new RoomDirectory(chat, store, 2);
        done(capped.make("a", "239.0.0.1", 5000, HERE));
        done(capped.make("b", "239.0.0.2", 5000, HERE));

        assertThat(done(capped.make("c", "239.0.0.3", 5000, HERE))).isEqualTo(new DirectoryChange.TooMany(2));
        assertThat(done(capped.make("c", "239.0.0.3", 5000, "192.0.2.2"))).isInstanceOf(DirectoryChange.Created.class);
        done(capped.delete("a"));
        assertThat(done(capped.make("d", "239.0.0.4", 5000, HERE))).as("a deleted entry frees its place")
                .isInstanceOf(DirectoryChange.Created.class);
    }

    @Test
    void theDirectoryIsReloadedFromTheStore() {
        done(directory.make("r1", "239.0.0.1", 5000, HERE));

        RoomDirectory reloaded = new RoomDirectory(chat, store, 0);

        assertThat(reloaded.list()).isEqualTo(directory.list());
    }

    @Test
    void changesTakeEffectInTurnEvenWhileTheStoreIsSlow() {
        HeldStore held = new HeldStore();
        RoomDirectory slow = new RoomDirectory(chat, held, 0);

        CompletionStage<DirectoryChange> first = slow.make("r1", "239.0.0.1", 5000, HERE);
        CompletionStage<DirectoryChange> sameName = slow.make("r1", "239.0.0.2", 5000, HERE);
        CompletionStage<DirectoryChange> sameGroup = slow.make("r2", "239.0.0.1", 5000, HERE);

        // Not yet durable, so not listed; the later changes wait for it rather than race it.
        assertThat(slow.list()).isEmpty();
        assertThat(sameName.toCompletableFuture()).isNotDone();
        held.release();

        assertThat(done(first)).isInstanceOf(DirectoryChange.Created.class);
        assertThat(done(sameName)).isInstanceOf(DirectoryChange.NameTaken.class);
        assertThat(done(sameGroup)).isInstanceOf(DirectoryChange.GroupTaken.class);
    }

    @Test
    void aFailedStoreFailsItsChangeOnlyAndListsNothing() {
        HeldStore held = new HeldStore();
        RoomDirectory slow = new RoomDirectory(chat, held, 0);
        CompletionStage<DirectoryChange> failing = slow.make("r1", "239.0.0.1", 5000, HERE);
        CompletionStage<DirectoryChange> next = slow.make("r1", "239.0.0.1", 5000, HERE);

        held.fail(new IllegalStateException("disk full"));

        assertThatThrownBy(() -> done(failing)).isInstanceOf(CompletionException.class).hasMessageContaining("disk full");
        assertThat(slow.list()).isEmpty();
        held.release();
        assertThat(done(next)).isInstanceOf(DirectoryChange.Created.class);
    }

    /** A store whose writes complete only when the test says so. */
    private static final class HeldStore implements DirectoryStore {
        private final List<CompletableFuture<Void>> pending = new ArrayList<>();

        @Override
        public List<DirectoryEntry> loadAll() {
            return List.of();
        }

        @Override
        public synchronized CompletionStage<Void> add(DirectoryEntry entry) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            pending.add(write);
            return write;
        }

        @Override
        public synchronized CompletionStage<Void> remove(DirectoryEntry entry) {
            return add(entry);
        }

        /** Completes every write waiting, and those they lead to, until none is left. */
        void release() {
            for (CompletableFuture<Void> write = next(); write != null; write = next()) {
                write.complete(null);
            }
        }

        void fail(Throwable failure) {
            next().completeExceptionally(failure);
        }

        private synchronized CompletableFuture<Void> next() {
            return pending.isEmpty() ? null : pending.remove(0);
        }
    }
}
