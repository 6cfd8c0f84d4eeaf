package io.parley.bench;

import io.netty.buffer.ByteBuf;

/**
 * How the bench speaks one chat protocol: where a room's members connect, what joins a room,
 * sends a message or leaves, and which decoder reads the server's output. Implementations are
 * stateless and thread-safe; everything per connection lives in {@link BenchMember}.
 */
interface ProtocolDriver {

    /** The port the members of room {@code room} (0-based) connect to. */
    int port(int basePort, int room);

    /** A new decoder for one connection. */
    DeliveryDecoder decoder(DeliveryListener listener);

    /**
     * Writes what registers a new connection as {@code name} and joins room {@code room}. The
     * server's answer reaches {@link DeliveryListener#joined}.
     */
    void join(ByteBuf out, String name, int room);

    /**
     * What comes before a payload in a message from this member, once it has joined room
     * {@code room}; {@code roomRef} and {@code joinId} are what the server's join reply said.
     */
    byte[] messagePrefix(String name, int room, int roomRef, long joinId);

    /**
     * Whether a sender receives its own messages (Parley's protocols and NATS echo them; IRC does
     * only with {@code echo-message}, which {@link IrcDriver} negotiates and otherwise makes up
     * for with a local echo, and {@link IrcSubsetDriver} does not ask for): what a sender is owed
     * depends on it ({@link RoomLayout}).
     */
    default boolean echoes() {
        return true;
    }

    /** What comes after a payload. */
    byte[] messageSuffix();

    /** Appends one message: the member's prefix, a payload with the given fields, the suffix. */
    default void writeMessage(ByteBuf out, byte[] prefix, int sender, long seq, long stampNanos, int size) {
        out.writeBytes(prefix);
        Payload.write(out, sender, seq, stampNanos, size);
        out.writeBytes(messageSuffix());
    }

    /**
     * Writes a request to leave the room and returns true; returns false when the protocol's
     * only way to leave is to close the connection.
     */
    boolean leave(ByteBuf out, String name, int roomRef, long joinId);
}
