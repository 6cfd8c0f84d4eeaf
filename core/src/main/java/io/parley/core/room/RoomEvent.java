package io.parley.core.room;

import java.util.Optional;

/**
 * Something that happened in a room, in the room's order. Every member of a room receives the
 * room's events in the same order; that order is the order in which the {@link EventLog} made
 * them durable.
 *
 * <p>Only {@link Posted} carries a message: joins and leaves are presence, not something a
 * member said, so they are never stored as messages and never appear in history. Each protocol
 * renders them in its own form (a TCD announcement, a line {@code * ...} notice) or not at all.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RoomEvent {

    /** The room it happened in. */
    Room room();

    /** What a member said, for a {@link Posted}; empty for presence events. */
    Optional<ChatMessage> message();

    /** A member said something. */
    record Posted(Room room, ChatMessage chat) implements RoomEvent {
        @Override
        public Optional<ChatMessage> message() {
            return Optional.of(chat);
        }
    }

    /**
     * {@code member} became a member under {@code name}. It is the first event the new member
     * receives from the room; every member, the new one included, receives it.
     */
    record Joined(Room room, Member member, String name) implements RoomEvent {
        @Override
        public Optional<ChatMessage> message() {
            return Optional.empty();
        }
    }

    /**
     * {@code member}, which was in the room under {@code name}, left. It is the last event the
     * leaving member receives from the room; every member, the leaving one included, receives it.
     */
    record Left(Room room, Member member, String name) implements RoomEvent {
        @Override
        public Optional<ChatMessage> message() {
            return Optional.empty();
        }
    }
}
