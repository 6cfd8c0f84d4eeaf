package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Reads an IRC server's output for {@link IrcDriver}: {@code :prefix PRIVMSG <channel> :text} is
 * a room message, the {@code 366} numeric (end of names, which follows a successful {@code JOIN})
 * the join, a {@code PING} is answered, an error numeric ({@code 4xx}, {@code 5xx}) or
 * {@code ERROR} a refusal; every other line (welcome numerics, the JOIN echo, notices) is
 * skipped. Lines end in {@code \r\n} or {@code \n}.
 */
final class IrcDeliveryDecoder extends DeliveryDecoder {

    private static final byte[] PRIVMSG = Ascii.bytes("PRIVMSG ");
    private static final byte[] END_OF_NAMES = Ascii.bytes("366 ");
    private static final byte[] PING = Ascii.bytes("PING");
    private static final byte[] ERROR = Ascii.bytes("ERROR");

    IrcDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    @Override
    protected void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int lineEnd) {
        int to = lineEnd > from && buf.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        if (Ascii.startsWith(buf, from, to, PING)) {
            ByteBuf pong = ctx.alloc().buffer(to - from + 2);
            pong.writeBytes(Ascii.bytes("PONG")).writeBytes(buf, from + PING.length, to - from - PING.length)
                    .writeBytes(Ascii.bytes("\r\n"));
            ctx.writeAndFlush(pong, ctx.voidPromise());
            return;
        }
        if (Ascii.startsWith(buf, from, to, ERROR)) {
            listener.refused(Ascii.text(buf, from, to));
            return;
        }
        // :prefix COMMAND params
        int command = buf.getByte(from) == ':' ? buf.indexOf(from, to, (byte) ' ') + 1 : from;
        if (command <= 0 || command >= to) {
            return;
        }
        if (Ascii.startsWith(buf, command, to, PRIVMSG)) {
            int text = indexOf(buf, command, to, (byte) ' ', (byte) ':');
            if (text < 0) {
                listener.refused("a PRIVMSG without a text: " + Ascii.text(buf, from, to));
            } else {
                listener.message(buf, text + 2, to);
            }
        } else if (Ascii.startsWith(buf, command, to, END_OF_NAMES)) {
            joinedOnce();
        } else if (to - command >= 4 && buf.getByte(command + 3) == ' '
                && (buf.getByte(command) == '4' || buf.getByte(command) == '5')
                && isDigit(buf.getByte(command + 1)) && isDigit(buf.getByte(command + 2))) {
            listener.refused(Ascii.text(buf, from, to));
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The index of the first {@code first} directly followed by {@code second} in {@code [from, to)}, or -1. */
    private static int indexOf(ByteBuf buf, int from, int to, byte first, byte second) {
        for (int i = buf.indexOf(from, to - 1, first); i >= 0; i = buf.indexOf(i + 1, to - 1, first)) {
            if (buf.getByte(i + 1) == second) {
                return i;
            }
        }
        return -1;
    }
}
