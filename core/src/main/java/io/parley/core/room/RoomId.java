package io.parley.core.room;

import java.util.Objects;

/**
 * A room named by value: its ref (the same for the room's whole life, across restarts, protocols
 * and nodes) and the name it was created with. What a {@link RoomEvent} carries instead of the live
 * {@link Room}, so that an event can cross a process.
 *
 * <p>Immutable and thread-safe.
 */
public record RoomId(int ref, String name) {

    public RoomId {
        Objects.requireNonNull(name, "name");
    }
}
