package io.parley.core.account;

import java.time.Instant;

/**
 * One line of a user's chat history: a message it sent or received in the {@linkplain
 * io.parley.core.room.Lobby lobby}, or a private message it sent or received. Each protocol
 * renders it in its own form (the account protocol's {@code D CH ... BM|PM ...}).
 *
 * @param time when the server accepted the message
 * @param kind a room message or a private message
 * @param from the author's name
 * @param to the room's name for a room message, the recipient's name for a private message
 * @param encrypted whether {@code text} is ciphertext (private messages only)
 * @param text the text, or the ciphertext
 */
public record HistoryEntry(Instant time, Kind kind, String from, String to, boolean encrypted, String text) {

    /** What a history entry is. */
    public enum Kind {
        /** A message said in a room. */
        ROOM,
        /** A private message between two users. */
        PRIVATE
    }
}
