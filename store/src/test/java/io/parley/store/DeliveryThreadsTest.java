package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.ChatService;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.Member;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a single node the store thread hands each stored event to the members' loops itself, but
 * nothing that waits for a post, join or leave runs there: a continuation that asked the store
 * and waited for the answer would wait for its own thread (the server's wiring, {@code Buses}).
 */
class DeliveryThreadsTest {

    private static final String STORE_THREAD = "parley-store";

    @TempDir
    Path data;

    private final ExecutorService completions = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-fanout"));
    private final ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-loop"));

    @AfterEach
    void stop() {
        completions.shutdownNow();
        loop.shutdownNow();
    }

    /** A member on {@code loop} that notes which thread handed each event over and what it received. */
    private final class Connection implements Member {
        final List<String> handedOverOn = new CopyOnWriteArrayList<>();
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public long id() {
            return 1;
        }

        @Override
        public Executor executor() {
            return task -> {
                handedOverOn.add(Thread.currentThread().getName());
                loop.execute(task);
            };
        }

        @Override
        public void deliver(RoomEvent event) {
            received.add(event.getClass().getSimpleName());
        }
    }

    @Test
    void theStoreThreadDeliversButWhatWaitsForTheDeliveryRunsElsewhere() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            ChatService chat = new ChatService(new RoomRegistry(store.rooms()), store.events(),
                    new LocalRoomBus(completions), Clock.systemUTC());
            Room room = chat.rooms().open("r").toCompletableFuture().join();
            Connection member = new Connection();
            // The completion thread waits until every continuation below is attached, so none runs
            // on the test thread because its stage had already completed.
            CountDownLatch attached = new CountDownLatch(1);
            completions.execute(() -> {
                try {
                    attached.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            List<CompletableFuture<String>> continuations = List.of(
                    chat.join(room, member, "ann").thenApply(joined -> Thread.currentThread().getName()).toCompletableFuture(),
                    chat.post(room, "ann", "hello").thenApply(posted -> Thread.currentThread().getName()).toCompletableFuture(),
                    chat.leave(room, member, "ann").thenApply(left -> Thread.currentThread().getName()).toCompletableFuture());
            attached.countDown();

            assertThat(continuations.stream().map(CompletableFuture::join).toList())
                    .as("the join's, the post's and the leave's continuations")
                    .containsExactly("test-fanout", "test-fanout", "test-fanout");
            CompletableFuture.runAsync(() -> { }, loop).join(); // what was handed to the loop has run
            assertThat(member.received).containsExactly("Joined", "Posted", "Left");
            assertThat(member.handedOverOn).as("no thread between the store and the loop")
                    .containsExactly(STORE_THREAD, STORE_THREAD, STORE_THREAD);
        }
    }
}
