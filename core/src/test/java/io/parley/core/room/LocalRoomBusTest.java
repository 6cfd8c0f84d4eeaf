package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
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
}
