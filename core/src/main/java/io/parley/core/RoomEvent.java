package io.parley.core;

import java.util.Optional;

/**
 * Something that happened in a room, in the room's order. Every member of a room receives the
 * room's events in the same order; that order is the order in which the {@link EventLog} made
 * them durable.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RoomEvent {

    /** The room it happened in. */
    Room room();

    /** The message to show for this event, if it has one. */
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
     * receives from the room; the announcement, if any, goes to every member including it.
     */
    record Joined(Room room, Member member, String name, Optional<ChatMessage> announcement)
            implements RoomEvent {
        @Override
        public Optional<ChatMessage> message() {
            return announcement;
        }
    }

    /**
     * {@code member} left. It is the last event the leaving member receives from the room; the
     * announcement, if any, goes to every member including the one leaving.
     */
    record Left(Room room, Member member, Optional<ChatMessage> announcement) implements RoomEvent {
        @Override
        public Optional<ChatMessage> message() {
            return announcement;
        }
    }
}
