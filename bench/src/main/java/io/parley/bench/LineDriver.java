package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol (reference: {@code docs/protocols/line.md}). A listener serves one room, so room
 * {@code k} is the listener on {@code port + k} (the server's {@code line.extra-listeners}). The
 * protocol acknowledges no join: a new member sends its name and one message, {@code hello},
 * and counts as joined when the first room line reaches it (its own hello at the latest).
 */
final class LineDriver implements ProtocolDriver {

    /** The join message; it starts with a letter, so it is never taken for a payload. */
    static final String HELLO = "hello";
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] NONE = {};

    @Override
    public int port(int basePort, int room) {
        return basePort + room;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new LineDeliveryDecoder(listener);
    }

    @Override
    public void join(ByteBuf out, String name, int room) {
        out.writeCharSequence(name + "\n" + HELLO + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return NONE;
    }

    @Override
    public byte[] messageSuffix() {
        return NEWLINE;
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        return false;
    }
}
