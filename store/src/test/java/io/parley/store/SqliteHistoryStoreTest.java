package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.account.PrivateMessage;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts, and history derived from sessions and the lobby's messages. */
class SqliteHistoryStoreTest {

    @TempDir
    Path data;

    private static void say(SqliteStore store, Room room, long id, String author, String text) {
        store(store, room, id, author, ChatMessage.Kind.CHAT, text);
    }

    private static void store(SqliteStore store, Room room, long id, String author, ChatMessage.Kind kind, String text) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        ChatMessage message = new ChatMessage(id, Instant.ofEpochMilli(1000 * id), room.ref(), author, kind, text);
        store.events().append(Drafts.posted(room, message), Drafts.outcome(error -> {
            if (error == null) {
                stored.complete(null);
            } else {
                stored.completeExceptionally(error);
            }
        }));
        stored.join();
    }

    @Test
    void accountsAreFoundWhateverTheCaseAndNamesAreUnique() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
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
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            Room other = new Room(store.rooms().create("other").toCompletableFuture().join().ref(), "other");
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
                    new HistoryEntry(Instant.ofEpochMilli(2000), "BM", "bob", "lobby", false, "hi alice"),
                    new HistoryEntry(Instant.ofEpochMilli(3500), "PM", "bob", "alice", true, "CIPHER"),
                    new HistoryEntry(Instant.ofEpochMilli(4000), "BM", "alice", "lobby", false, "hi bob"));
        }
    }

    @Test
    void joinAndLeaveRowsThatOlderVersionsStoredAreNotHistory() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            store.history().openSession("alice", 0).toCompletableFuture().join();
            store(store, lobby, 1, "carol", ChatMessage.Kind.JOIN, "carol has joined this chatroom.");
            say(store, lobby, 2, "carol", "hello");
            store(store, lobby, 3, "carol", ChatMessage.Kind.LEAVE, "carol has left this chatroom.");

            assertThat(store.history().history("alice", lobby.ref()).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("hello");
        }
    }

    @Test
    void overlappingAndOpenSessionsListEachLobbyMessageOnce() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
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
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            lobbyRef = lobby.ref();
            store.history().openSession("alice", 0).toCompletableFuture().join();
            say(store, lobby, 1, "bob", "while alice was on");
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            Room lobby = new Room(lobbyRef, "lobby");
            say(store, lobby, 2, "bob", "after the restart");

            assertThat(store.history().history("alice", lobbyRef).toCompletableFuture().join())
                    .extracting(HistoryEntry::text).containsExactly("while alice was on");
        }
    }

    @Test
    void pagesListTheSameHistoryAsOneReadAndStopAtWhatWasStoredWhenTheyBegan() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
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
    void historyIsReadWhileTheWriterIsBusy() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "h", Optional.empty())).toCompletableFuture().join();
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            long session = store.history().openSession("alice", 0).toCompletableFuture().join();
            say(store, lobby, 1, "bob", "hi");
            store.history().closeSession(session, 1).toCompletableFuture().join();
            CountDownLatch writerHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            store.submit(new StoreWriter.Task() {
                @Override
                public void run(Connection connection) {
                    writerHeld.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void done(Throwable failure) {}
            });
            try {
                assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(store.history().history("alice", lobby.ref()).toCompletableFuture().get(10, TimeUnit.SECONDS))
                        .extracting(HistoryEntry::text).containsExactly("hi");
                assertThat(store.history().pages("alice", lobby.ref()).next(1000, e -> e.text().length()).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)).extracting(HistoryEntry::text).containsExactly("hi");
            } finally {
                release.countDown();
            }
        }
    }

    private static List<HistoryEntry> next(HistoryPages pages, int maxChars) {
        return pages.next(maxChars, e -> e.text().length()).toCompletableFuture().join();
    }
}
