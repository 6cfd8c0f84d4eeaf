package io.parley.microbench;

import io.parley.core.room.ChatService;
import io.parley.core.room.EventLog;
import io.parley.core.room.InMemoryRoomStore;
import io.parley.core.room.LocalRoomBus;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRegistry;
import java.time.Clock;
import java.util.function.Consumer;

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

    /** Calls back at once, on the appending thread, in append order; stores nothing. */
    private static final class ForgettingLog implements EventLog {
        @Override
        public void append(RoomEvent event, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public long lastMessageId() {
            return 0;
        }
    }
}
