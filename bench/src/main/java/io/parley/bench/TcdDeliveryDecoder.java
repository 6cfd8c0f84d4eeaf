package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Reads the TCD protocol's output (reference: {@code docs/protocols/tcd.md}) line by line: a
 * {@code JOINED_CHATROOM} block ends at its {@code JOIN_ID}, {@code LEFT_CHATROOM} is the leave,
 * a relay's {@code MESSAGE:} line is a room message (the server never relays an empty line
 * inside a text, so a bench payload is one line), {@code ERROR_CODE} a refusal. Every other line
 * ({@code CHAT:}, {@code CLIENT_NAME:}, {@code SERVER_IP:}, the empty line ending a relay) only
 * frames these.
 */
final class TcdDeliveryDecoder extends DeliveryDecoder {

    private static final byte[] JOINED = Ascii.bytes("JOINED_CHATROOM:");
    private static final byte[] ROOM_REF = Ascii.bytes("ROOM_REF: ");
    private static final byte[] JOIN_ID = Ascii.bytes("JOIN_ID: ");
    private static final byte[] LEFT = Ascii.bytes("LEFT_CHATROOM:");
    private static final byte[] MESSAGE = Ascii.bytes("MESSAGE: ");
    private static final byte[] ERROR = Ascii.bytes("ERROR_CODE:");

    /** Inside a JOINED block: the ROOM_REF read so far (-1 outside one). */
    private long joiningRef = -1;
    private boolean inJoined;

    TcdDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    @Override
    protected void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (Ascii.startsWith(buf, from, to, MESSAGE)) {
            listener.message(buf, from + MESSAGE.length, to);
        } else if (Ascii.startsWith(buf, from, to, JOINED)) {
            inJoined = true;
            joiningRef = -1;
        } else if (inJoined && Ascii.startsWith(buf, from, to, ROOM_REF)) {
            joiningRef = Ascii.parseDecimal(buf, from + ROOM_REF.length, to);
        } else if (inJoined && Ascii.startsWith(buf, from, to, JOIN_ID)) {
            inJoined = false;
            long joinId = Ascii.parseDecimal(buf, from + JOIN_ID.length, to);
            if (joiningRef < 0 || joinId < 0) {
                listener.refused("a JOINED_CHATROOM reply without a ROOM_REF or JOIN_ID");
            } else {
                listener.joined((int) joiningRef, joinId);
            }
        } else if (Ascii.startsWith(buf, from, to, LEFT)) {
            listener.left();
        } else if (Ascii.startsWith(buf, from, to, ERROR)) {
            listener.refused(Ascii.text(buf, from, to));
        }
    }
}
