package io.parley.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room of the server, by name and by ref; rooms are created in the {@link RoomStore} on
 * first use and never forgotten, so a ref stays the same for the room's whole life.
 *
 * <p>Thread-safe. {@link #open} never blocks.
 */
public final class RoomRegistry {

    private final RoomStore store;
    private final Map<String, Room> byKey = new ConcurrentHashMap<>();
    private final Map<Integer, Room> byRef = new ConcurrentHashMap<>();
    /** Rooms being created, so that two first joins of one name create it once. */
    private final Map<String, CompletableFuture<Room>> creating = new ConcurrentHashMap<>();

    /** Loads every stored room; blocks on the store, so call it at start-up. */
    public RoomRegistry(RoomStore store) {
        this.store = store;
        for (RoomRecord record : store.loadAll()) {
            add(record);
        }
    }

    public Optional<Room> byRef(int ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    public Optional<Room> byName(String name) {
        return Optional.ofNullable(byKey.get(RoomNames.key(name)));
    }

    /** The room with this name, created (with a new ref) if there is none yet. */
    public CompletionStage<Room> open(String name) {
        String key = RoomNames.key(name);
        Room existing = byKey.get(key);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        CompletableFuture<Room> created = new CompletableFuture<>();
        CompletableFuture<Room> racing = creating.putIfAbsent(key, created);
        if (racing != null) {
            return racing;
        }
        // A creation may have finished between the first look and the claim: a room is added to
        // byKey before its claim is given up, so looking again here cannot miss it.
        Room justCreated = byKey.get(key);
        if (justCreated != null) {
            creating.remove(key, created);
            return CompletableFuture.completedFuture(justCreated);
        }
        CompletionStage<RoomRecord> stored;
        try {
            stored = store.create(name);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((record, error) -> {
            if (error == null) {
                created.complete(add(record));
            } else {
                created.completeExceptionally(error);
            }
            creating.remove(key, created);
        });
        return created;
    }

    private Room add(RoomRecord record) {
        Room room = new Room(record.ref(), record.name());
        byRef.put(room.ref(), room);
        byKey.put(RoomNames.key(room.name()), room);
        return room;
    }
}
