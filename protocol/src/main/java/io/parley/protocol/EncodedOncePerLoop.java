package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import io.parley.core.room.ChatMessage;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Encodes a room event's message once per event loop instead of once per recipient. A room hands
 * each event loop one task that carries an event to all of that loop's members in a row, so the
 * encoder of a protocol keeps, per loop thread, the last message it encoded and its bytes, and
 * gives every further recipient a retained duplicate of them. It keeps the message, not the event;
 * what else is the same for every recipient (a join's announcement to the room's other members)
 * is keyed by whatever stands for it ({@link #sharedOf}).
 *
 * <p>Thread-safe: its state is per thread. One instance per way of encoding (per protocol).
 */
public final class EncodedOncePerLoop {

    /** The last thing encoded here (a message, or for presence announcements the event) and its bytes. */
    private record Last(Object key, ByteBuf bytes) {}

    private final FastThreadLocal<Last> last = new FastThreadLocal<>() {
        @Override
        protected void onRemoval(Last value) {
            if (value != null) {
                value.bytes().release();
            }
        }
    };

    /**
     * The bytes of {@code message}, made by {@code encode} unless this thread just made them: a
     * buffer the caller owns (and writes, which releases it). {@code encode} may depend on the
     * message only.
     */
    public ByteBuf bytes(ChatMessage message, Supplier<ByteBuf> encode) {
        return shared(message, encode).retainedDuplicate();
    }

    /**
     * The bytes of {@code message} as {@link #bytes} makes them, but borrowed: the caller only
     * reads them, on this thread, before it encodes another message here, and does not release
     * them ({@link SharedEventBytes}). {@code encode} (a method reference that captures nothing,
     * so that a delivery allocates nothing) makes them from the message with {@code alloc}.
     */
    public ByteBuf shared(ChatMessage message, ByteBufAllocator alloc,
            BiFunction<ChatMessage, ByteBufAllocator, ByteBuf> encode) {
        return sharedOf(message, alloc, encode);
    }

    /**
     * {@link #shared(ChatMessage, ByteBufAllocator, BiFunction)} for anything else every recipient
     * on the loop gets the same bytes of, by identity: e.g. a join's announcement, keyed by its
     * event. One instance per kind of key, so that keys of one kind do not evict the other's.
     */
    public <K> ByteBuf sharedOf(K key, ByteBufAllocator alloc, BiFunction<K, ByteBufAllocator, ByteBuf> encode) {
        Last cached = last.get();
        if (cached != null && cached.key() == key) {
            return cached.bytes();
        }
        return shared(key, () -> encode.apply(key, alloc));
    }

    private ByteBuf shared(Object key, Supplier<ByteBuf> encode) {
        Last cached = last.get();
        if (cached == null || cached.key() != key) {
            // Forget the old bytes before encoding, so that an encoder that throws leaves
            // nothing released behind in the cache.
            last.remove();
            cached = new Last(key, encode.get());
            last.set(cached);
        }
        return cached.bytes();
    }
}
