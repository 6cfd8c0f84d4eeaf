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

/**
 * History derived from sessions and the lobby's messages: what is SQLite's own (accounts, and the
 * history every store must give, are in {@link io.parley.store.contract.StoreContract}).
 */
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
