package io.parley.bench;

import io.netty.buffer.ByteBuf;

/**
 * What a delivery decoder reports about one connection's input. Called on the connection's
 * event loop; the {@link ByteBuf} range is valid only during the call.
 */
interface DeliveryListener {

    /**
     * The connection is now a member of its room: TCD's {@code JOINED_CHATROOM} reply, or for
     * the line protocol (which acknowledges nothing) the first room line it receives, since a
     * member receives exactly the room's events after its join.
     */
    void joined(int roomRef, long joinId);

    /** TCD's {@code LEFT_CHATROOM} reply: nothing more from the room should follow it. */
    void left();

    /**
     * The connection has just read input holding at least one whole line, at {@code nanos}
     * ({@link System#nanoTime}): the lines that follow, up to the next call, arrived then. One
     * clock read per read rather than per line, taken before any parsing: at 1 M deliveries/s
     * a clock read per delivery was 8 % of the bench's event loop (a read holds ~14 deliveries).
     */
    default void read(long nanos) {
    }

    /** The text of one room message, in bytes {@code [from, to)} of {@code buf}. */
    void message(ByteBuf buf, int from, int to);

    /** The server refused something: a TCD {@code ERROR_CODE}, a line {@code * } notice. */
    void refused(String what);
}
