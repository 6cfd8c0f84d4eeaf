package io.parley.core.room;

import io.parley.core.text.NameKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link RoomStore} that keeps rooms in memory only (tests, or a server without a disk); several
 * registries (nodes) may share one. Thread-safe.
 */
public final class InMemoryRoomStore implements RoomStore {

    private final List<RoomRecord> rooms = new ArrayList<>();
    /** Refs are never used twice, also after a room is removed. */
    private int lastRef;
    private final java.util.Map<Integer, RoomTopic> topics = new java.util.TreeMap<>();
    private final java.util.Map<Integer, RoomModes> modes = new java.util.TreeMap<>();

    @Override
    public synchronized List<RoomRecord> loadAll() {
        return List.copyOf(rooms);
    }

    @Override
    public synchronized CompletionStage<Optional<RoomRecord>> find(String name) {
        String key = NameKeys.key(name);
        return CompletableFuture.completedFuture(
                rooms.stream().filter(room -> NameKeys.key(room.name()).equals(key)).findFirst());
    }

    @Override
    public synchronized CompletionStage<RoomRecord> create(String name) {
        String key = NameKeys.key(name);
        if (rooms.stream().anyMatch(room -> NameKeys.key(room.name()).equals(key))) {
            return CompletableFuture.failedFuture(new IllegalStateException("room exists: " + name));
        }
        RoomRecord record = new RoomRecord(++lastRef, name);
        rooms.add(record);
        return CompletableFuture.completedFuture(record);
    }

    /** Keeps no messages, so every room it holds is empty. */
    @Override
    public synchronized CompletionStage<Boolean> removeIfEmpty(int ref) {
        topics.remove(ref);
        modes.remove(ref);
        return CompletableFuture.completedFuture(rooms.removeIf(room -> room.ref() == ref));
    }

    @Override
    public synchronized List<RoomTopic> loadTopics() {
        return List.copyOf(topics.values());
    }

    @Override
    public synchronized CompletionStage<Void> setTopic(RoomTopic topic) {
        topics.put(topic.roomRef(), topic);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> clearTopic(int ref) {
        topics.remove(ref);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<RoomModes> loadModes() {
        return List.copyOf(modes.values());
    }

    @Override
    public synchronized CompletionStage<Optional<RoomModes>> loadModes(int ref) {
        return CompletableFuture.completedFuture(Optional.ofNullable(modes.get(ref)));
    }

    @Override
    public synchronized CompletionStage<Void> changeModes(RoomModes.Change change) {
        List<RoomModes.Entry> entries = new ArrayList<>(
                modes.containsKey(change.roomRef()) ? modes.get(change.roomRef()).entries() : List.of());
        entries.removeIf(entry -> change.removed().stream()
                .anyMatch(gone -> gone.list() == entry.list() && gone.mask().equals(entry.mask())));
        for (RoomModes.Entry added : change.added()) {
            if (entries.stream().noneMatch(entry -> entry.list() == added.list() && entry.mask().equals(added.mask()))) {
                entries.add(added);
            }
        }
        RoomModes before = modes.getOrDefault(change.roomRef(), new RoomModes(change.roomRef(), "", null, 0, List.of()));
        modes.put(change.roomRef(), new RoomModes(change.roomRef(), change.flagsAfter(before.flags()),
                change.keyAfter(before.key()), change.limitAfter(before.limit()), entries));
        return CompletableFuture.completedFuture(null);
    }
}
