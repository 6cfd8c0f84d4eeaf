package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code --protocol irc-subset}: the subset of IRC (RFC 1459/2812: {@code NICK}, {@code USER},
 * {@code JOIN}, {@code PRIVMSG}, {@code PING}, no {@code CAP}) that the minimal C fan-out server
 * the bench is calibrated against (refircd, {@code bench/calibrate.sh}, {@code docs/performance.md})
 * speaks, with the same workloads. Room {@code k} is the channel {@code #r<k>}, every room behind
 * one port; a member registers and joins in one write and counts as joined at the end of the
 * channel's names list ({@code 366}). Without {@code echo-message} IRC does not echo a message to
 * its sender ({@link #echoes}). A churning member leaves by closing its connection. For Parley's
 * IRC and full IRC servers, {@link IrcDriver} ({@code --protocol irc}).
 */
final class IrcSubsetDriver implements ProtocolDriver {

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
        return new IrcSubsetDeliveryDecoder(listener);
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
