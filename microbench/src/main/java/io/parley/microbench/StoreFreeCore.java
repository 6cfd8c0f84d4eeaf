package io.parley.microbench;

import io.parley.core.room.ChatService;
import io.parley.core.room.EventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The core as the server wires it, minus the disk: an event log that makes every event "durable"
 * at once and keeps nothing, so a benchmark measures the core's own work and its memory stays
 * flat however many messages it posts. Thread-safe as {@link ChatService} is.
 */
final class StoreFreeCore {

    private StoreFreeCore() {}

    static ChatService chat() {
        return new ChatService(new RoomRegistry(new InMemoryRoomStore()), new ForgettingLog(), new LocalRoomBus(),
                Clock.systemUTC());
    }

    static Room open(ChatService chat, String name) {
        return chat.rooms().open(name).toCompletableFuture().join();
    }

    /**
     * Places each event as a log does (a message numbered and given an id, as one counter for
     * every room: the benchmarks post in one room) and calls back at once, on the appending
     * thread; stores nothing.
     */
    private static final class ForgettingLog implements EventLog {
        private final AtomicLong last = new AtomicLong();

        @Override
        public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
            if (event instanceof RoomEvent.Posted posted) {
                long number = last.incrementAndGet();
                done.accept(posted.placed(number, number, posted.chat().time()), null);
            } else if (event instanceof RoomEvent.Joined joined) {
                done.accept(joined.placed(last.get()), null);
            } else {
                done.accept(((RoomEvent.Left) event).placed(last.get()), null);
            }
        }
    }
}
