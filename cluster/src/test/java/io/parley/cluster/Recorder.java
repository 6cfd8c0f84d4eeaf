package io.parley.cluster;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Member;
import io.parley.core.room.RoomEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** A member that records what it is delivered, and says when it has had a number of messages. */
final class Recorder implements Member {

    private final String node;
    private final long id;
    private final Executor loop;
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final int expected;
    final CompletableFuture<Void> gotAll = new CompletableFuture<>();

    Recorder(String node, long id, Executor loop, int expected) {
        this.node = node;
        this.id = id;
        this.loop = loop;
        this.expected = expected;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Executor executor() {
        return loop;
    }

    private final List<Map.Entry<Integer, CompletableFuture<Void>>> waiters = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(RoomEvent event) {
        events.add(event);
        if (event instanceof RoomEvent.Posted) {
            int count = messages.incrementAndGet();
            if (count == expected) {
                gotAll.complete(null);
            }
            waiters.stream().filter(w -> w.getKey() <= count).forEach(w -> w.getValue().complete(null));
        }
    }

    /** Completes once the member has had {@code count} messages. */
    CompletableFuture<Void> untilMessages(int count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(Map.entry(count, done));
        if (messages.get() >= count) {
            done.complete(null);
        }
        return done;
    }

    /** The messages delivered, in order. */
    List<RoomEvent.Posted> posted() {
        return events.stream().filter(RoomEvent.Posted.class::isInstance).map(RoomEvent.Posted.class::cast).toList();
    }

    List<String> said() {
        return posted().stream().map(RoomEvent.Posted::chat).map(ChatMessage::text).toList();
    }
}
