package io.parley.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A member that records what it is delivered, for assertions. */
final class RecordingMember implements Member {

    private final long id;
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();

    RecordingMember(long id) {
        this.id = id;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public void deliver(RoomEvent event) {
        events.add(event);
    }

    /** The texts of the messages delivered, in order. */
    List<String> texts() {
        return events.stream().flatMap(e -> e.message().stream()).map(ChatMessage::text).toList();
    }
}
