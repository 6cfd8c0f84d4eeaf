package io.parley.core.room;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link EventLog} that keeps messages in memory and calls back at once, on the appending
 * thread (tests, or a server without a disk). Thread-safe: appends and their callbacks run under
 * one lock, so they stay in append order.
 */
public final class InMemoryEventLog implements EventLog {

    private final List<ChatMessage> messages = new ArrayList<>();

    @Override
    public synchronized void append(RoomEvent event, Consumer<Throwable> done) {
        event.message().ifPresent(messages::add);
        done.accept(null);
    }

    @Override
    public synchronized long lastMessageId() {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).id();
    }

    /** Every message stored so far, oldest first. */
    public synchronized List<ChatMessage> messages() {
        return List.copyOf(messages);
    }
}
