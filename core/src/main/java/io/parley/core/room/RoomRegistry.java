package io.parley.core.room;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room this node has opened, by name and by ref; a room is found in the {@link RoomStore}
 * on first use (also one another node created), created there if it has none, and kept, so a
 * ref stays the same for the room's whole life. A room ends only when the directory deletes it
 * while it is unused ({@link ChatService#removeIfUnused}). Rooms that clients name are counted by
 * a {@link RoomQuota} (on the node that creates them).
 *
 * <p>Thread-safe. {@link #open} never blocks.
 */
public final class RoomRegistry {

    private final RoomStore store;
    private final RoomQuota quota;
    private final Map<String, Room> byKey = new ConcurrentHashMap<>();
    private final Map<Integer, Room> byRef = new ConcurrentHashMap<>();
    /** Rooms being created, so that two first joins of one name create it once. */
    private final Map<String, CompletableFuture<Room>> creating = new ConcurrentHashMap<>();

    /** Loads every stored room; blocks on the store, so call it at start-up. No room limits. */
    public RoomRegistry(RoomStore store) {
        this(store, RoomQuota.unlimited());
    }

    /** Loads every stored room; blocks on the store, so call it at start-up. */
    public RoomRegistry(RoomStore store, RoomQuota quota) {
        this.store = store;
        this.quota = quota;
        for (RoomRecord record : store.loadAll()) {
            add(record);
        }
    }

    public Optional<Room> byRef(int ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    public Optional<Room> byName(String name) {
        return Optional.ofNullable(byKey.get(NameKeys.key(name)));
    }

    /** Every room, in no particular order (a snapshot). */
    public List<Room> all() {
        return List.copyOf(byRef.values());
    }

    /** How many rooms there are. */
    public int size() {
        return byRef.size();
    }

    /** The room with this name, created (with a new ref) if there is none yet; for names the server chose. */
    public CompletionStage<Room> open(String name) {
        return open(name, null);
    }

    /**
     * The room with this name, created if there is none yet and {@code origin} (the client's
     * address) may create one; fails with {@link RoomLimitException} if it may not.
     */
    public CompletionStage<Room> open(String name, String origin) {
        String key = NameKeys.key(name);
        Room existing = byKey.get(key);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        CompletableFuture<Room> created = new CompletableFuture<>();
        CompletableFuture<Room> racing = creating.putIfAbsent(key, created);
        if (racing != null) {
            // Shares the creation under way; but a refusal of the other caller's address (its
            // quota) is no answer for this one, which then tries on its own.
            return racing.exceptionallyCompose(error -> refusedForItsOrigin(error)
                    ? open(name, origin)
                    : CompletableFuture.failedFuture(error));
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
            // Another node may have created it: the store is asked first.
            stored = store.find(name).thenCompose(found -> found.isPresent()
                    ? CompletableFuture.completedFuture(found.get())
                    : create(name, origin));
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((record, error) -> {
            if (error != null) {
                // The claim goes before the answer: whoever the answer makes ask again (a refused
                // client's next try, another address told "try again") must not find it.
                creating.remove(key, created);
                created.completeExceptionally(error);
                return;
            }
            boolean fresh = !byRef.containsKey(record.ref());
            Room room = add(record);
            // A room new here may have members on other nodes: listed before the first joiner
            // here is answered (its NAMES, its member list), read once the room takes events.
            CompletionStage<Void> filled = fresh ? fillRoster(room) : CompletableFuture.completedFuture(null);
            filled.whenComplete((done, ignored) -> {
                creating.remove(key, created);
                created.complete(room);
            });
        });
        return created;
    }

    /**
     * Lists in every room the members other nodes of a cluster have in it now (the store's
     * list): what a node starting among running nodes calls once it receives the rooms' events.
     * Blocks on the store: start-up only. Nothing on a single node.
     */
    public void fillRosters() {
        for (Room room : all()) {
            try {
                fillRoster(room).toCompletableFuture().join();
            } catch (RuntimeException e) {
                // The roster fills from the members' next presence events, as it did before.
            }
        }
    }

    /** Reads the other nodes' members of {@code room} from the store into its roster; completes either way. */
    private CompletionStage<Void> fillRoster(Room room) {
        room.fillBegins();
        CompletionStage<List<MemberRef>> members;
        try {
            members = store.otherNodesMembers(room.ref());
        } catch (RuntimeException e) {
            members = CompletableFuture.failedFuture(e);
        }
        return members.handle((found, error) -> {
            room.fill(error == null ? found : List.of());
            return null;
        });
    }

    /** Whether {@code error} refused a creation for its caller's address only (not the server's limit). */
    private static boolean refusedForItsOrigin(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RoomLimitException limit && limit.reason() == RoomLimitException.Reason.TOO_MANY_FROM_ORIGIN;
    }

    /**
     * Creates the room in the store, counted against {@code origin} (if not null); if another
     * node created it since it was looked for, that one is found.
     */
    private CompletionStage<RoomRecord> create(String name, String origin) {
        if (origin != null) {
            quota.claim(origin, byRef.size() + creating.size() - 1);
        }
        return store.create(name).handle((record, error) -> error == null
                ? CompletableFuture.completedFuture(record)
                : store.find(name).thenCompose(found -> found.isPresent()
                        ? CompletableFuture.completedFuture(found.get())
                        : CompletableFuture.<RoomRecord>failedFuture(error)))
                .thenCompose(stage -> stage);
    }

    /**
     * Delivers a committed event to this node's members of its room (see {@link Room#deliver}):
     * what this node subscribes to its {@link RoomBus}. An event of a room this node has not
     * opened has nobody to reach here, and is dropped. Called in each room's order, one event at
     * a time per room.
     */
    public void deliver(RoomEvent event) {
        Room room = byRef.get(event.room().ref());
        if (room != null) {
            room.deliver(event);
        }
    }

    /**
     * Forgets {@code room}, which {@link ChatService} has closed, and removes it from the store
     * unless the store keeps it (it holds messages: history); a kept room is listed again, open,
     * unless a newer object for its ref took its place meanwhile.
     * Completes with whether it was removed.
     */
    CompletionStage<Boolean> remove(Room room) {
        byKey.remove(NameKeys.key(room.name()), room);
        byRef.remove(room.ref(), room);
        CompletionStage<Boolean> removed;
        try {
            removed = store.removeIfEmpty(room.ref());
        } catch (RuntimeException e) {
            removed = CompletableFuture.failedFuture(e);
        }
        return removed.whenComplete((gone, error) -> {
            if (error != null || !gone) {
                // Open again only if it is put back: a look-up meanwhile may have made a newer
                // object for the ref, which is the room now; this one stays closed, takes no joins.
                Room current = byRef.computeIfAbsent(room.ref(), ref -> {
                    room.reopen();
                    return room;
                });
                if (current == room) {
                    byKey.putIfAbsent(NameKeys.key(room.name()), room);
                }
            }
        });
    }

    /**
     * The room of a stored record, one object per ref: a room the store kept when it was being
     * removed (it holds history) is back under its ref before a later look-up finds its record
     * (the store answers in order), and that look-up must get the same object, or its members
     * would join a room the bus never delivers to.
     */
    private Room add(RoomRecord record) {
        Room room = byRef.computeIfAbsent(record.ref(), ref -> new Room(ref, record.name()));
        byKey.putIfAbsent(NameKeys.key(room.name()), room);
        return room;
    }
}
