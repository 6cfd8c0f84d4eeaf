package io.parley.core.directory;

import io.parley.core.room.ChatService;
import io.parley.core.room.RoomLimitException;
import io.parley.core.room.RoomRegistry;
import io.parley.core.text.NameKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The chat room directory (spec: {@code shared/specs/directory.md}): rooms with a multicast
 * group and port, kept in a {@link DirectoryStore}. A directory room is also a core room of the
 * same name (opened through the {@link RoomRegistry}), so its name and ref are the same for
 * every protocol. Deleting it removes the entry and, when nobody is in the core room and nothing
 * was ever said there, the core room too ({@link ChatService#removeIfUnused}); a core room with
 * members or history stays (its members keep chatting, its ref for life), just no longer listed.
 * One origin (a client's address) may hold a limited number of entries at once; entries loaded
 * at start-up count for nobody (the store does not keep who made them).
 *
 * <p>Thread-safe; no method blocks. Changes take effect one at a time, in the order they were
 * asked for: each is checked against the directory as the changes before it left it, and is
 * listed once the store has made it durable. That is what keeps names and groups unique when
 * many clients make rooms at once, without holding a lock while calling the store.
 */
public final class RoomDirectory {

    /** The listing order: by name, byte order (the names are ASCII, so UTF-16 order is byte order). */
    private static final Comparator<DirectoryEntry> BY_NAME = Comparator.comparing(DirectoryEntry::name);

    private final ChatService chat;
    private final RoomRegistry rooms;
    private final DirectoryStore store;
    private final int maxEntriesPerOrigin;
    /** Who made each entry made since start-up, by folded name. Written only by the change in its turn. */
    private final Map<String, String> origins = new ConcurrentHashMap<>();
    /** The durable directory, by folded name. Written only by the change in its turn. */
    private final Map<String, DirectoryEntry> entries = new ConcurrentHashMap<>();
    /** Completes when the last change asked for is done; guarded by {@code this}. */
    private CompletableFuture<Void> lastChange = CompletableFuture.completedFuture(null);

    /**
     * Loads the stored directory; blocks on the store, so call it at start-up.
     *
     * @param maxEntriesPerOrigin how many entries one origin may hold at once (0: no limit)
     */
    public RoomDirectory(ChatService chat, DirectoryStore store, int maxEntriesPerOrigin) {
        this.chat = chat;
        this.rooms = chat.rooms();
        this.store = store;
        this.maxEntriesPerOrigin = maxEntriesPerOrigin;
        for (DirectoryEntry entry : store.loadAll()) {
            entries.put(NameKeys.key(entry.name()), entry);
        }
    }

    /** Every room of the directory, sorted by name. */
    public List<DirectoryEntry> list() {
        return entries.values().stream().sorted(BY_NAME).toList();
    }

    /**
     * Makes a room for {@code origin} (the client's address), unless its name or its group
     * (address and port) is taken or the origin holds its share of entries. The values must be
     * valid by {@link DirectoryRules}. Completes with {@link DirectoryChange.Created},
     * {@link DirectoryChange.NameTaken}, {@link DirectoryChange.GroupTaken} or
     * {@link DirectoryChange.TooMany}; fails with {@link RoomLimitException} if a new core room
     * may not be created, or with the store's failure.
     */
    public CompletionStage<DirectoryChange> make(String name, String address, int port, String origin) {
        return inTurn(() -> {
            DirectoryEntry named = entries.get(NameKeys.key(name));
            if (named != null) {
                return CompletableFuture.completedFuture(new DirectoryChange.NameTaken(named));
            }
            Optional<DirectoryEntry> sameGroup = entries.values().stream()
                    .filter(entry -> entry.usesGroup(address, port)).findFirst();
            if (sameGroup.isPresent()) {
                return CompletableFuture.completedFuture(new DirectoryChange.GroupTaken(sameGroup.get()));
            }
            if (maxEntriesPerOrigin > 0
                    && origins.values().stream().filter(origin::equals).count() >= maxEntriesPerOrigin) {
                return CompletableFuture.completedFuture(new DirectoryChange.TooMany(maxEntriesPerOrigin));
            }
            return rooms.open(name, origin).thenCompose(room -> {
                DirectoryEntry entry = new DirectoryEntry(name, address, port, room.ref());
                return store.add(entry).thenApply(stored -> {
                    entries.put(NameKeys.key(name), entry);
                    origins.put(NameKeys.key(name), origin);
                    return new DirectoryChange.Created(entry);
                });
            });
        });
    }

    /**
     * Deletes the room with this name (compared {@link NameKeys#key folded}), and its core room
     * if that is unused (see the class comment). Completes, once both are done, with
     * {@link DirectoryChange.Deleted} or {@link DirectoryChange.NotFound}; fails if the store
     * could not take the change.
     */
    public CompletionStage<DirectoryChange> delete(String name) {
        return inTurn(() -> {
            DirectoryEntry entry = entries.get(NameKeys.key(name));
            if (entry == null) {
                return CompletableFuture.completedFuture(new DirectoryChange.NotFound(name));
            }
            return store.remove(entry).thenCompose(removed -> {
                entries.remove(NameKeys.key(name));
                origins.remove(NameKeys.key(name));
                DirectoryChange deleted = new DirectoryChange.Deleted(entry);
                return rooms.byRef(entry.roomRef())
                        .map(room -> chat.removeIfUnused(room).handle((gone, failure) -> deleted))
                        .orElse(CompletableFuture.completedFuture(deleted));
            });
        });
    }

    /** Runs {@code change} once every change asked for before it is done, failed or not. */
    private <T> CompletionStage<T> inTurn(Supplier<CompletionStage<T>> change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = lastChange;
            lastChange = done;
        }
        CompletableFuture<T> result = previous.thenCompose(ignored -> change.get());
        result.whenComplete((value, failure) -> done.complete(null));
        return result;
    }
}
