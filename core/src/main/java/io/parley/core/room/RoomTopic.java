package io.parley.core.room;

import java.time.Instant;
import java.util.Objects;

/**
 * A room's topic as the store keeps it: the text, who set it (as the protocol that set it names
 * them, e.g. an IRC nick) and when. Immutable.
 *
 * @param roomRef the room's {@link Room#ref() ref}
 * @param text    the topic, never empty (an empty topic is no topic: no row)
 * @param setBy   who set it
 * @param setAt   when, to the millisecond
 */
public record RoomTopic(int roomRef, String text, String setBy, Instant setAt) {

    public RoomTopic {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty topic is no topic: clear it instead");
        }
    }
}
