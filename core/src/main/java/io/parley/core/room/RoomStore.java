package io.parley.core.room;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Port: where rooms and their refs are kept, so that a ref names the same room after a restart.
 *
 * <p>Thread-safety: implementations are thread-safe. {@link #find}, {@link #create} and
 * {@link #removeIfEmpty} never block their caller (they may be called on an event loop);
 * {@link #loadAll}, {@link #loadTopics} and {@link #loadModes()} may block and are called at start-up
 * only. A room's topic and modes are kept with it (IRC's {@code TOPIC} and channel {@code MODE}), so
 * that they outlive a restart.
 */
public interface RoomStore {

    /** Every room ever created, in ref order. */
    List<RoomRecord> loadAll();

    /**
     * The room with this name (as {@link NameKeys#key folded}), if there is one: also one that
     * another node (another chat service on the same store) created.
     */
    CompletionStage<Optional<RoomRecord>> find(String name);

    /**
     * Creates a room with a fresh ref, never used before. Fails if a room with that name (as
     * {@link NameKeys#key folded}) exists.
     */
    CompletionStage<RoomRecord> create(String name);

    /**
     * Removes the room with this ref unless messages were said in it (they keep it, as history
     * does); completes with whether it was removed. Its ref is never used again.
     */
    CompletionStage<Boolean> removeIfEmpty(int ref);

    /**
     * The members other nodes of a cluster have in the room with this ref now, as their joins
     * named them (what a node opening the room lists before any of their presence events reach
     * it). A single node's store has none.
     */
    default CompletionStage<List<MemberRef>> otherNodesMembers(int ref) {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }

    /** Every room's stored topic (rooms without one have none here). May block: start-up only. */
    List<RoomTopic> loadTopics();

    /**
     * Stores {@code topic} as its room's topic, replacing the one before; completes once it is
     * durable.
     */
    CompletionStage<Void> setTopic(RoomTopic topic);

    /** Removes the topic of the room with this ref, if it has one; completes once that is durable. */
    CompletionStage<Void> clearTopic(int ref);

    /** Every room's stored modes (rooms whose modes nobody changed have none here). May block: start-up only. */
    default List<RoomModes> loadModes() {
        return List.of();
    }

    /** The stored modes of the room with this ref, if it has any: read when a node opens a room another made. */
    default CompletionStage<Optional<RoomModes>> loadModes(int ref) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Stores a change of a room's modes: its flags, key and limit replace those stored, its list
     * entries are added and removed. Completes once it is durable.
     */
    default CompletionStage<Void> changeModes(RoomModes.Change change) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("this store cannot keep room modes"));
    }

    /**
     * Redacts the chat message numbered {@code sequence} in room {@code ref} (IRC's
     * {@code REDACT}): its text is removed from the store and history no longer lists it; its row
     * and number stay, so the room's order has no gap. Completes with whether such a message was
     * there and not yet redacted, once the redaction is durable.
     */
    default CompletionStage<Boolean> redact(int ref, long sequence, String by, java.time.Instant at) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("this store cannot redact messages"));
    }
}
