package io.parley.protocol.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import io.parley.core.room.RoomEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Renders a room message (or a join: {@link JoinForm}) for IRC once per event loop and form
 * instead of once per member. A room
 * hands each event loop one task that carries an event to all of that loop's members in a row;
 * the lines a member gets depend only on the event, its {@link Author} (source and client-only
 * tags, the same for every member) and the member's {@code server-time}, {@code message-tags},
 * {@code account-tag} and multiline batches ({@link #form}), so members that agree on those share
 * one list of {@link IrcMessage}s (immutable), and {@link IrcLineEncoder} then writes each shared
 * line's bytes once too. A sender's own echo (which may carry its {@code label}) is not shared. A
 * member with a pending output takes the lines' bytes, which are written once per form too
 * ({@link #bytes}). What is per event is worked out by the loop's first member and kept, so
 * that every further member's delivery is a look-up that allocates nothing: at a million
 * deliveries a second (W3 over IRC, async-profiler), working out the author's source, its name
 * key and a form record per member took the delivery's share of the IRC encoder from 3 % to 15 %
 * of the server's CPU, and made 84 % of its allocation.
 * Thread-safe: its state is per thread and holds only the last event.
 */
final class IrcPostedOncePerLoop {

    /**
     * What every member gets of a message's author, besides its capabilities: the author's name
     * key (to tell a member's own message, which is not shared), its source and its client-only
     * tags ({@link IrcClientTags}).
     */
    record Author(String key, String source, IrcClientTags.Relay relay) {}

    private static final int SERVER_TIME = 1;
    private static final int MESSAGE_TAGS = 2;
    private static final int ACCOUNT_TAG = 4;
    private static final int MULTILINE = 8;
    /** How many forms there are: every combination of the four bits. */
    private static final int FORMS = 16;

    /** The form of another member's message a member with these capabilities gets, one of {@link #FORMS}. */
    static int form(boolean serverTime, boolean messageTags, boolean accountTag, boolean multiline) {
        return (serverTime ? SERVER_TIME : 0) | (messageTags ? MESSAGE_TAGS : 0) | (accountTag ? ACCOUNT_TAG : 0)
                | (multiline ? MULTILINE : 0);
    }

    /**
     * What a {@code JOIN} line depends on besides the event: {@code extended-join} and the tags a
     * member gets ({@code server-time}, at the instant the loop first renders it; {@code account-tag};
     * {@code message-tags}, which carries a bot's {@code bot} tag).
     */
    record JoinForm(boolean extended, boolean serverTime, boolean accountTag, boolean messageTags) {}

    private static final class Last {
        RoomEvent event;
        /** The event's author, once a member asked ({@link #author}). */
        Author author;
        /** Lines by form: a posted event's {@link #form} (boxed from the cache), a join's {@link JoinForm}. */
        final Map<Object, List<IrcMessage>> lines = new HashMap<>(4);
        /** A posted event's bytes by {@link #form}. */
        final ByteBuf[] bytes = new ByteBuf[FORMS];

        /** Forgets the event, releasing its bytes. */
        void clear() {
            event = null;
            author = null;
            lines.clear();
            for (int form = 0; form < FORMS; form++) {
                if (bytes[form] != null) {
                    bytes[form].release();
                    bytes[form] = null;
                }
            }
        }

        /** Holds {@code now} from here on, forgetting the last event unless it is the same. */
        void hold(RoomEvent now) {
            if (event != now) {
                clear();
                event = now;
            }
        }
    }

    private static final FastThreadLocal<Last> LAST = new FastThreadLocal<>() {
        @Override
        protected Last initialValue() {
            return new Last();
        }

        @Override
        protected void onRemoval(Last value) {
            if (value != null) {
                value.clear();
            }
        }
    };

    private IrcPostedOncePerLoop() {}

    /** The author of {@code event} this thread kept ({@link #keep}), or null. */
    static Author author(RoomEvent.Posted event) {
        Last last = LAST.get();
        return last.event == event ? last.author : null;
    }

    /** Keeps {@code author} as {@code event}'s for this thread's further members; returns it. */
    static Author keep(RoomEvent.Posted event, Author author) {
        Last last = LAST.get();
        last.hold(event);
        last.author = author;
        return author;
    }

    /** The lines of {@code event} in {@code form}, made by {@code render} unless this thread just made them. */
    static List<IrcMessage> lines(RoomEvent.Posted event, int form, Supplier<List<IrcMessage>> render) {
        return cached(event, form, render);
    }

    /** The line of {@code event} in {@code form}, made by {@code render} unless this thread just made it. */
    static IrcMessage line(RoomEvent.Joined event, JoinForm form, Supplier<IrcMessage> render) {
        return cached(event, form, () -> List.of(render.get())).get(0);
    }

    /**
     * The bytes of {@link #lines} (each line and its CR LF, as {@link IrcLineEncoder} writes them),
     * borrowed ({@link io.parley.protocol.SharedEventBytes}): written once per event and form.
     */
    static ByteBuf bytes(RoomEvent.Posted event, int form, Supplier<List<IrcMessage>> render, ByteBufAllocator alloc) {
        ByteBuf made = madeBytes(event, form);
        if (made != null) {
            return made;
        }
        List<IrcMessage> lines = cached(event, form, render);
        Last last = LAST.get(); // now holding this event
        ByteBuf bytes = last.bytes[form];
        if (bytes == null) {
            bytes = alloc.buffer();
            try {
                for (IrcMessage line : lines) {
                    IrcLineEncoder.write(line, bytes);
                }
            } catch (RuntimeException e) {
                bytes.release();
                throw e;
            }
            last.bytes[form] = bytes;
        }
        return bytes;
    }

    /** The bytes {@link #bytes} made of {@code event} in {@code form} on this thread, or null: asked first, so that a hit builds no renderer. */
    static ByteBuf madeBytes(RoomEvent.Posted event, int form) {
        Last last = LAST.get();
        return last.event == event ? last.bytes[form] : null;
    }

    private static List<IrcMessage> cached(RoomEvent event, Object form, Supplier<List<IrcMessage>> render) {
        Last last = LAST.get();
        last.hold(event);
        List<IrcMessage> cached = last.lines.get(form);
        if (cached == null) {
            cached = List.copyOf(Objects.requireNonNull(render.get()));
            last.lines.put(form, cached);
        }
        return cached;
    }
}
