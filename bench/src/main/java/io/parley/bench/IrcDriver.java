package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A subset of IRC (RFC 1459/2812: {@code NICK}, {@code USER}, {@code JOIN}, {@code PRIVMSG},
 * {@code PING}) enough to drive an IRC server, and the minimal C fan-out server the bench is
 * calibrated against ({@code docs/performance.md}), with the same workloads. Room {@code k} is the
 * channel {@code #r<k>}, every room behind one port; a member registers and joins in one write
 * and counts as joined at the end of the channel's names list ({@code 366}). IRC does not echo
 * a message to its sender ({@link #echoes}). A churning member leaves by closing its connection.
 */
final class IrcDriver implements ProtocolDriver {

    private static final byte[] CRLF = Ascii.bytes("\r\n");

    static String channel(int room) {
        return "#r" + room;
    }

    @Override
    public int port(int basePort, int room) {
        return basePort;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new IrcDeliveryDecoder(listener);
    }

    @Override
    public void join(ByteBuf out, String name, int room) {
        out.writeCharSequence("NICK " + name + "\r\nUSER " + name + " 0 * :parley bench\r\nJOIN " + channel(room)
                + "\r\n", StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return Ascii.bytes("PRIVMSG " + channel(room) + " :");
    }

    @Override
    public byte[] messageSuffix() {
        return CRLF;
    }

    @Override
    public boolean echoes() {
        return false;
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        return false;
    }
}
