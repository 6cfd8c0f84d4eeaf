package io.parley.core.room;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: how the nodes of a cluster tell each other that a room's modes or topic changed (NATS in the
 * {@code cluster} module; nothing on a single node). A change is stored first
 * ({@link RoomStore#changeModes}, {@link RoomStore#setTopic}) and told here after, so the store holds every change; delivery
 * is at most once, and not in the room's order of messages: a node that may have missed notices
 * (its link was cut) is told when the link is back ({@link Listener#reconnected}) and reads the
 * modes and topics of the rooms it holds again.
 *
 * <p>Thread-safe; no method blocks. The listener is called on the link's own threads and must not
 * block either.
 */
public interface RoomModeLink {

    /** A single node's link: nobody to tell, nothing heard. */
    RoomModeLink NONE = new RoomModeLink() {
        @Override
        public void changed(Notice notice) {
        }

        @Override
        public void topicChanged(TopicNotice notice) {
        }

        @Override
        public void listen(Listener listener) {
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

    /**
     * A room's topic set on another node: its text (empty: cleared), who set it (IRC's {@code
     * nick!user@host}, shown as the {@code TOPIC} line's source) and the nick kept as its setter.
     */
    record TopicNotice(int roomRef, String text, String source, String setBy, Instant at) {
        public TopicNotice {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What a node does with what the link hears. */
    interface Listener {
        /** Another node stored this change. */
        void changed(Notice notice);

        /** Another node stored this topic. */
        void topicChanged(TopicNotice notice);

        /** The link was cut and is back: notices sent meanwhile may be lost, so what the node holds is to be read again. */
        void reconnected();
    }

    /** Tells every other node of a stored change. */
    void changed(Notice notice);

    /** Tells every other node of a stored topic. */
    void topicChanged(TopicNotice notice);

    /** From now on, other nodes' notices (and the link's returns) go to {@code listener}. */
    void listen(Listener listener);
}
