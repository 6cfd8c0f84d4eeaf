package io.parley.core.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * An {@link EventLog} that keeps messages in memory and calls back at once, on the appending
 * thread (tests, or a server without a disk); several chat services (nodes) may share one.
 * Thread-safe: appends and their callbacks run under one lock, so callbacks come in the order the
 * log placed the events. It also reads its messages back ({@link RoomReplay}).
 */
public final class InMemoryEventLog implements EventLog, RoomReplay {

    private final List<RoomEvent.Posted> posted = new ArrayList<>();
    /** The last sequence number given in each room, by ref. */
    private final Map<Integer, Long> lastSequence = new HashMap<>();
    private long lastId;
    private Instant lastTime = Instant.EPOCH;

    @Override
    public synchronized void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
        int ref = event.room().ref();
        long last = lastSequence.getOrDefault(ref, 0L);
        RoomEvent placed;
        if (event instanceof RoomEvent.Posted post) {
            lastSequence.put(ref, last + 1);
            Instant time = post.chat().time().isBefore(lastTime) ? lastTime : post.chat().time();
            lastTime = time;
            RoomEvent.Posted stored = post.placed(last + 1, ++lastId, time);
            posted.add(stored);
            placed = stored;
        } else if (event instanceof RoomEvent.Joined joined) {
            placed = joined.placed(last);
        } else {
            placed = ((RoomEvent.Left) event).placed(last);
        }
        done.accept(placed, null);
    }

    /** Every message stored so far, oldest first. */
    public synchronized List<ChatMessage> messages() {
        return posted.stream().map(RoomEvent.Posted::chat).toList();
    }

    /** Every message stored so far with its place in its room, oldest first. */
    public synchronized List<RoomEvent.Posted> posted() {
        return List.copyOf(posted);
    }

    @Override
    public synchronized CompletionStage<List<RoomEvent.Posted>> messagesAfter(RoomId room, long after, int limit) {
        return CompletableFuture.completedFuture(posted.stream()
                .filter(p -> p.room().ref() == room.ref() && p.sequence() > after)
                .limit(limit)
                .toList());
    }

    @Override
    public synchronized CompletionStage<List<RoomEvent.Posted>> window(RoomId room, Window window) {
        List<RoomEvent.Posted> inside = posted.stream()
                .filter(p -> p.room().ref() == room.ref() && p.chat().kind() == ChatMessage.Kind.CHAT
                        && window.contains(p.sequence(), p.chat().time().toEpochMilli()))
                .toList();
        int from = window.newestFirst() ? Math.max(0, inside.size() - window.limit()) : 0;
        return CompletableFuture.completedFuture(List.copyOf(inside.subList(from, Math.min(inside.size(), from + window.limit()))));
    }
}
