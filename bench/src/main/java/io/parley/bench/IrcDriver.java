package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * IRC (RFC 1459/2812 with IRCv3's {@code echo-message}), the same for Parley, ngIRCd and
 * InspIRCd: every room is a channel of one listener, room {@code k} is {@code #bench-k}. A member
 * asks for {@code echo-message} (so a sender receives its own messages, as on every other
 * protocol), registers as its name and joins; it counts as joined at its own {@code JOIN} echoed back,
 * which every server sends as the join takes effect. A message is
 * {@code PRIVMSG #bench-k :<payload>}; leaving is {@code PART}. A server that refuses
 * {@code echo-message} (ngIRCd) gets a local echo instead: see {@link IrcDeliveryDecoder}.
 */
final class IrcDriver implements ProtocolDriver {

    private static final byte[] CRLF = {'\r', '\n'};

    static String channel(int room) {
        return "#bench-" + room;
    }

    @Override
    public int port(int basePort, int room) {
        return basePort;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new IrcDeliveryDecoder(listener);
    }

    /**
     * Registration and the join in one write, so one round trip joins. A rejoin after a
     * {@code PART} (W5's churners) writes the same: the server answers the repeated
     * {@code USER} with {@code 462}, which the decoder ignores, and takes an unchanged nick as a no-op.
     */
    @Override
    public void join(ByteBuf out, String name, int room) {
        out.writeCharSequence("CAP REQ :echo-message\r\nNICK " + name + "\r\nUSER " + name + " 0 * :" + name
                + "\r\nCAP END\r\nJOIN " + channel(room) + "\r\n", StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return Ascii.bytes("PRIVMSG " + channel(room) + " :");
    }

    /**
     * True: a member asks for {@code echo-message}, and where the server refuses it the decoder
     * echoes the member's own messages locally, so every sender receives its own messages.
     */
    @Override
    public boolean echoes() {
        return true;
    }

    @Override
    public byte[] messageSuffix() {
        return CRLF;
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        // roomRef is the room's index, which the decoder read from the joined channel's name.
        out.writeCharSequence("PART " + channel(roomRef) + "\r\n", StandardCharsets.US_ASCII);
        return true;
    }
}
