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
     * One change of a room's modes as it is stored: the flags it set and cleared, the key if it
     * changed it, the limit if it changed it, and the list entries added and removed. It carries
     * only what it changed, so that changes made on two nodes at once are all kept: the store
     * applies it to the row as it is then ({@link #flagsAfter}, {@link #keyAfter}, {@link #limitAfter}).
     *
     * @param keyChanged whether the change set or removed the key ({@code key}: the new key, or null)
     * @param limit      the new limit, 0 to remove it, or {@link #LIMIT_UNCHANGED}
     */
    public record Change(int roomRef, String flagsSet, String flagsCleared, boolean keyChanged, String key, int limit,
            List<Entry> added, List<Entry> removed) {

        /** {@link #limit} when the change does not touch the limit. */
        public static final int LIMIT_UNCHANGED = -1;

        public Change {
            Objects.requireNonNull(flagsSet, "flagsSet");
            Objects.requireNonNull(flagsCleared, "flagsCleared");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        /** The flags once this change is applied to {@code before}, in alphabetical order. */
        public String flagsAfter(String before) {
            return (before + flagsSet).chars().filter(flag -> flagsCleared.indexOf(flag) < 0).distinct().sorted()
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }

        public String keyAfter(String before) {
            return keyChanged ? key : before;
        }

        public int limitAfter(int before) {
            return limit == LIMIT_UNCHANGED ? before : limit;
        }
    }

    public RoomModes {
        Objects.requireNonNull(flags, "flags");
        entries = List.copyOf(entries);
    }
}
