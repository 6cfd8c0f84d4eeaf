package io.parley.core.room;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a room, as every protocol sees it: the event log gave it an id and the server a
 * time, and the text is what its author typed. Joins and leaves are not messages (see {@link RoomEvent}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id given by the {@link EventLog} when it stored the message: unique, increasing in the
 *     log's order over all rooms (0 in a message not stored yet)
 * @param time when the server accepted it, never earlier than the message the log stored before it
 * @param roomRef the room it was said in
 * @param author the name its author used in that room
 * @param kind what sort of message it is
 * @param text the text, never null (may be empty)
 */
public record ChatMessage(long id, Instant time, int roomRef, String author, Kind kind, String text) {

    /** What sort of message a {@link ChatMessage} is. */
    public enum Kind {
        /** Something a member said. */
        CHAT,
        /**
         * A join announcement: only in databases written before joins became presence events.
         * History leaves these rows out; nothing writes new ones.
         */
        JOIN,
        /** A leave announcement: like {@link #JOIN}, old rows only. */
        LEAVE
    }

    public ChatMessage {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
