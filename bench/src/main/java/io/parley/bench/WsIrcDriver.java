package io.parley.bench;

import io.netty.buffer.ByteBuf;

/**
 * IRC over WebSocket (IRCv3's WebSocket binding, subprotocol {@code text.ircv3.net}: one IRC line
 * per text frame, without CR LF), as a web client speaks it to {@code /socket} of Parley's web
 * listener. The IRC of {@link IrcDriver}, the same joins, messages and checks; every room is a
 * channel reached through the one web port. The WebSocket handshake and framing are
 * {@link WsIrcDeliveryDecoder}'s.
 */
final class WsIrcDriver implements ProtocolDriver {

    /** The path of the web listener's WebSocket. */
    static final String PATH = "/socket";

    private final IrcDriver irc = new IrcDriver();

    @Override
    public int port(int basePort, int room) {
        return basePort;
    }

    @Override
    public DeliveryDecoder decoder(DeliveryListener listener) {
        return new WsIrcDeliveryDecoder(listener);
    }

    @Override
    public void join(ByteBuf out, String name, int room) {
        irc.join(out, name, room);
    }

    @Override
    public byte[] messagePrefix(String name, int room, int roomRef, long joinId) {
        return irc.messagePrefix(name, room, roomRef, joinId);
    }

    @Override
    public byte[] messageSuffix() {
        return irc.messageSuffix();
    }

    @Override
    public boolean leave(ByteBuf out, String name, int roomRef, long joinId) {
        return irc.leave(out, name, roomRef, joinId);
    }
}
