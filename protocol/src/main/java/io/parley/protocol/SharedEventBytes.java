package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.parley.core.room.RoomEvent;

/**
 * A protocol's bytes of a room event for one connection, when they are bytes its event loop
 * encoded once for every connection there that gets the same ({@link EncodedOncePerLoop}), so that
 * a member can copy them to its {@link PendingOutput} instead of writing the event through the
 * pipeline. One per connection (what a connection gets may depend on its state); event-loop only.
 */
@FunctionalInterface
public interface SharedEventBytes {

    /**
     * The bytes of {@code event} for this connection, borrowed (the caller only reads them, on
     * this thread, before the loop encodes anything else, and does not release them); or null when
     * this connection's rendering of it is its own (its own join, its own echo): then the event is
     * written through the pipeline. {@code alloc} is for the first encoding on this loop.
     */
    ByteBuf of(RoomEvent event, ByteBufAllocator alloc);
}
