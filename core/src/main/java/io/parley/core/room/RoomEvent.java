package io.parley.core.room;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a room, in the room's order: a value (no live {@link Room} or
 * {@link Member} inside), so that it can cross a process.
 *
 * <p>Order: every member of a room, on every node, receives the room's events in the same order,
 * the order in which the {@link EventLog} made them durable. {@link #sequence()} is the event's
 * place in it: a message's own number in its room (1, 2, 3, ... as the log stored them). Joins and
 * leaves store nothing, so they have no number of their own: they carry the sequence of the last
 * message the log stored in the room before them (0 before the first). So a member that joins
 * receives exactly the room's messages with a higher sequence than its join, and one that leaves
 * received those up to its leave's sequence; several presence events may share a number, and they
 * are ordered among themselves and the next message by the log's order, which the bus keeps.
 *
 * <p>Only {@link Posted} carries a message: joins and leaves are presence, not something a member
 * said, so they are never stored as messages and never appear in history. Each protocol renders
 * them in its own form (a TCD announcement, a line {@code * ...} notice) or not at all.
 *
 * <p>{@link ChatService} appends events that have no place yet ({@link #UNPLACED}, and a posted
 * message with id 0); the log hands back the event it made durable, placed ({@link #placed}).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RoomEvent {

    /** The sequence of an event the log has not placed (yet, or at all: a leave it failed to order). */
    long UNPLACED = -1;

    /** The room it happened in. */
    RoomId room();

    /** Its place in the room's order (see the class comment), or {@link #UNPLACED}. */
    long sequence();

    /** What a member said, for a {@link Posted}; empty for presence events. */
    Optional<ChatMessage> message();

    /** A member said something; {@code sequence} is the message's number in its room. */
    record Posted(RoomId room, long sequence, ChatMessage chat) implements RoomEvent {
        public Posted {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(chat, "chat");
        }

        @Override
        public Optional<ChatMessage> message() {
            return Optional.of(chat);
        }

        /** This event as the log stored it: numbered {@code sequence}, the message given its id and time. */
        public Posted placed(long sequence, long id, Instant time) {
            return new Posted(room, sequence,
                    new ChatMessage(id, time, chat.roomRef(), chat.author(), chat.kind(), chat.text()));
        }
    }

    /**
     * {@code member} became a member. It is the first event the new member receives from the
     * room; every member, the new one included, receives it.
     */
    record Joined(RoomId room, long sequence, MemberRef member) implements RoomEvent {
        public Joined {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(member, "member");
        }

        @Override
        public Optional<ChatMessage> message() {
            return Optional.empty();
        }

        /** The name the member joined under. */
        public String name() {
            return member.name();
        }

        /** This join at its place in the room's order: after the message numbered {@code sequence}. */
        public Joined placed(long sequence) {
            return new Joined(room, sequence, member);
        }
    }

    /**
     * {@code member} left. It is the last event the leaving member receives from the room; every
     * member, the leaving one included, receives it.
     */
    record Left(RoomId room, long sequence, MemberRef member) implements RoomEvent {
        public Left {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(member, "member");
        }

        @Override
        public Optional<ChatMessage> message() {
            return Optional.empty();
        }

        /** The name the member was in the room under. */
        public String name() {
            return member.name();
        }

        /** This leave at its place in the room's order: after the message numbered {@code sequence}. */
        public Left placed(long sequence) {
            return new Left(room, sequence, member);
        }
    }
}
