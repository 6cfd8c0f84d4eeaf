package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalRoomBusTest {

    /** A fan-out thread whose queued tasks the test runs when it chooses. */
    private static final class QueuedExecutor implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
                task.run();
            }
        }
    }

    private static RoomEvent said(int ref, long sequence, String text) {
        return new RoomEvent.Posted(new RoomId(ref, "room" + ref), sequence,
                new ChatMessage(sequence, Instant.EPOCH, ref, "alice", ChatMessage.Kind.CHAT, text));
    }

    /**
     * A member in two rooms sees their events in the order the log placed them: a TCD client
     * that leaves room 1 then room 2 (DISCONNECT) is told of the leaves in that order.
     */
    @Test
    void eventsOfDifferentRoomsAreDeliveredInTheOrderTheyWerePublished() {
        QueuedExecutor fanOut = new QueuedExecutor();
        LocalRoomBus bus = new LocalRoomBus(fanOut);
        List<String> delivered = new ArrayList<>();
        bus.subscribe(event -> delivered.add(event.message().orElseThrow().text()));

        bus.publish(said(2, 1, "first, in room 2"), () -> { });
        bus.publish(said(1, 1, "second, in room 1"), () -> { });
        bus.publish(said(2, 2, "third, in room 2"), () -> { });
        fanOut.runAll();

        assertThat(delivered).containsExactly("first, in room 2", "second, in room 1", "third, in room 2");
    }

    /**
     * The store thread hands the event to the members' loops itself (no hop through another
     * thread on the way to the sockets), but what waits for the delivery runs on the completion
     * thread: a continuation that asks the store and waits must never run on the store's thread.
     */
    @Test
    void deliversOnThePublishingThreadAndReportsDeliveryOnTheCompletionThread() throws Exception {
        ExecutorService completions = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-fanout"));
        try {
            LocalRoomBus bus = new LocalRoomBus(completions);
            List<String> threads = new CopyOnWriteArrayList<>();
            bus.subscribe(event -> threads.add("delivered on " + Thread.currentThread().getName()));
            CountDownLatch reported = new CountDownLatch(1);
            Thread publisher = new Thread(() -> bus.publish(
                    new RoomEvent.Joined(new RoomId(1, "r"), 0, new MemberRef("local", 1, "ann")), () -> {
                        threads.add("reported on " + Thread.currentThread().getName());
                        reported.countDown();
                    }), "test-store");
            publisher.start();
            publisher.join();

            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).containsExactly("delivered on test-store", "reported on test-fanout");
        } finally {
            completions.shutdown();
        }
    }

    /** Stages complete in the order their events were published, each after its delivery. */
    @Test
    void deliveriesAreReportedInTheOrderPublishedAfterTheyHappen() {
        QueuedExecutor completions = new QueuedExecutor();
        LocalRoomBus bus = new LocalRoomBus(completions);
        List<String> seen = new ArrayList<>();
        bus.subscribe(event -> seen.add("delivered " + event.message().orElseThrow().text()));

        bus.publish(said(2, 1, "a"), () -> seen.add("reported a"));
        bus.publish(said(1, 1, "b"), () -> seen.add("reported b"));
        assertThat(seen).as("delivered at once, reported only on the completion thread")
                .containsExactly("delivered a", "delivered b");
        completions.runAll();

        assertThat(seen).containsExactly("delivered a", "delivered b", "reported a", "reported b");
    }
}
