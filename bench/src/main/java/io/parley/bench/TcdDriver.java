package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The TCD protocol (reference: {@code docs/protocols/tcd.md}): one listener, rooms by name
 * ({@code bench-<k>}); a join is acknowledged by {@code JOINED_CHATROOM}, a leave by
 * {@code LEFT_CHATROOM}; a message is a {@code CHAT} block ended by an empty line.
 */
final class TcdDriver implements ProtocolDriver {

    private static final byte[] END_OF_MESSAGE = Ascii.bytes("\n\n");

    static String roomName(int room) {
        return "bench-" + room;
    }

    @Override
    public int port(int basePort, int room) {
        return basePort;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new TcdDeliveryDecoder(listener);
    }

    @Override
    public void join(ByteBuf out, String name, int room) {
        out.writeCharSequence("JOIN_CHATROOM: " + roomName(room) + "\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: " + name
                + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return Ascii.bytes("CHAT: " + roomRef + "\nJOIN_ID: " + joinId + "\nCLIENT_NAME: " + name + "\nMESSAGE: ");
    }

    @Override
    public byte[] messageSuffix() {
        return END_OF_MESSAGE;
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        out.writeCharSequence("LEAVE_CHATROOM: " + roomRef + "\nJOIN_ID: " + joinId + "\nCLIENT_NAME: " + name + "\n",
                StandardCharsets.UTF_8);
        return true;
    }
}
