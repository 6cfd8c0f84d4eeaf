package io.parley.core.room;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: how the nodes of a cluster tell each other that a room's modes changed (NATS in the
 * {@code cluster} module; nothing on a single node). A change is stored first
 * ({@link RoomStore#changeModes}) and told here after, so the store holds every change; delivery
 * is at most once, and not in the room's order of messages: a node that misses a notice keeps
 * its copy until it reads the room's modes again (when it next opens the room, or restarts).
 *
 * <p>Thread-safe; no method blocks. The listener is called on the link's own thread and must not
 * block either.
 */
public interface RoomModeLink {

    /** A single node's link: nobody to tell, nothing heard. */
    RoomModeLink NONE = new RoomModeLink() {
        @Override
        public void changed(Notice notice) {
        }

        @Override
        public void listen(java.util.function.Consumer<Notice> listener) {
        }
    };

    /**
     * A change of a room's modes made on another node: who made it and when, the change as its
     * members were shown it (IRC's {@code MODE} parameters after the channel: {@code +kb key
     * mask}) and the flags, key (null: none) and limit (0: none) the room has after it.
     */
    record Notice(int roomRef, String setBy, Instant at, List<String> shown, String flags, String key, int limit) {
        public Notice {
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(at, "at");
            shown = List.copyOf(shown);
            Objects.requireNonNull(flags, "flags");
        }
    }

    /** Tells every other node of a stored change. */
    void changed(Notice notice);

    /** From now on, other nodes' notices go to {@code listener}. */
    void listen(java.util.function.Consumer<Notice> listener);
}
