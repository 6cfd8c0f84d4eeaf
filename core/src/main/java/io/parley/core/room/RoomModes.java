package io.parley.core.room;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A room's modes as the store keeps them (IRC's channel modes, which outlive a restart and hold on
 * every node of a cluster): the flags that take no argument ({@code "imnt"}), the key (or none),
 * the member limit (0: none) and the mask lists ({@code b}, {@code e}, {@code I}), each entry with
 * who set it and when. The core does not read them; the protocol that set them does. A room whose
 * modes nobody changed has no row. Immutable.
 *
 * @param roomRef the room's {@link Room#ref() ref}
 * @param flags   the flag letters set, in any order
 * @param key     the key, or null
 * @param limit   the most members, or 0 for no limit
 * @param entries the mask lists' entries, in the order they were set
 */
public record RoomModes(int roomRef, String flags, String key, int limit, List<Entry> entries) {

    /** One entry of a mask list: the list's letter, the mask, who set it and when (to the millisecond). */
    public record Entry(char list, String mask, String setBy, Instant setAt) {
        public Entry {
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(setAt, "setAt");
        }
    }

    /**
     * One change of a room's modes as it is stored: the flags, key and limit as they are now (the
     * last change stored wins), and the list entries added and removed (so that entries added on
     * two nodes at once are both kept).
     */
    public record Change(int roomRef, String flags, String key, int limit, List<Entry> added, List<Entry> removed) {
        public Change {
            Objects.requireNonNull(flags, "flags");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    public RoomModes {
        Objects.requireNonNull(flags, "flags");
        entries = List.copyOf(entries);
    }
}
