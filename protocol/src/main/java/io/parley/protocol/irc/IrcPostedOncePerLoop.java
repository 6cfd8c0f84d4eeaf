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
 * the lines a member gets depend only on the event, its source, its client-only tags and the
 * member's {@code server-time}, {@code message-tags} and {@code account-tag}, so members that
 * agree on those share one list of {@link IrcMessage}s (immutable), and {@link IrcLineEncoder}
 * then writes each shared line's bytes once too. A sender's own echo (which may carry its
 * {@code label}) is not shared. A member with a pending output takes the lines' bytes, which are
 * written once per form too ({@link #bytes}). Thread-safe: its state is per thread and holds only
 * the last event.
 */
final class IrcPostedOncePerLoop {

    /** What, besides the event, the rendered lines depend on. */
    record Form(String source, IrcClientTags.Relay relay, boolean serverTime, boolean messageTags, boolean accountTag,
            boolean multiline) {}

    /**
     * What a {@code JOIN} line depends on besides the event: {@code extended-join} and the tags a
     * member gets ({@code server-time}, at the instant the loop first renders it; {@code account-tag};
     * {@code message-tags}, which carries a bot's {@code bot} tag).
     */
    record JoinForm(boolean extended, boolean serverTime, boolean accountTag, boolean messageTags) {}

    private static final class Last {
        RoomEvent event;
        final Map<Object, List<IrcMessage>> lines = new HashMap<>(4);
        final Map<Object, ByteBuf> bytes = new HashMap<>(4);

        /** Forgets the event, releasing its bytes. */
        void clear() {
            event = null;
            lines.clear();
            bytes.values().forEach(ByteBuf::release);
            bytes.clear();
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

    /** The lines of {@code event} in {@code form}, made by {@code render} unless this thread just made them. */
    static List<IrcMessage> lines(RoomEvent.Posted event, Form form, Supplier<List<IrcMessage>> render) {
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
    static ByteBuf bytes(RoomEvent.Posted event, Form form, Supplier<List<IrcMessage>> render, ByteBufAllocator alloc) {
        ByteBuf made = madeBytes(event, form);
        if (made != null) {
            return made;
        }
        List<IrcMessage> lines = cached(event, form, render);
        Last last = LAST.get(); // now holding this event
        ByteBuf bytes = last.bytes.get(form);
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
            last.bytes.put(form, bytes);
        }
        return bytes;
    }

    /** The bytes {@link #bytes} made of {@code event} in {@code form} on this thread, or null: asked first, so that a hit builds no renderer. */
    static ByteBuf madeBytes(RoomEvent.Posted event, Form form) {
        Last last = LAST.get();
        return last.event == event ? last.bytes.get(form) : null;
    }

    private static List<IrcMessage> cached(RoomEvent event, Object form, Supplier<List<IrcMessage>> render) {
        Last last = LAST.get();
        if (last.event != event) {
            last.clear();
        }
        List<IrcMessage> cached = last.lines.get(form);
        if (cached == null) {
            cached = List.copyOf(Objects.requireNonNull(render.get()));
            last.lines.put(form, cached);
            last.event = event;
        }
        return cached;
    }
}
