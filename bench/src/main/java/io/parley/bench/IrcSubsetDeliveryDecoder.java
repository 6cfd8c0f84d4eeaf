package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Reads an IRC server's output for {@link IrcSubsetDriver}: {@code :prefix PRIVMSG <channel> :text} is
 * a room message, the {@code 366} numeric (end of names, which follows a successful {@code JOIN})
 * the join, a {@code PING} is answered, an error numeric ({@code 4xx}, {@code 5xx}; but
 * {@code 422}, no message of the day, which servers send at every registration) or
 * {@code ERROR} a refusal; every other line (welcome numerics, the JOIN echo, notices) is
 * skipped. Lines end in {@code \r\n} or {@code \n}.
 */
final class IrcSubsetDeliveryDecoder extends DeliveryDecoder {

    private static final byte[] PRIVMSG = Ascii.bytes("PRIVMSG ");
    private static final byte[] END_OF_NAMES = Ascii.bytes("366 ");
    private static final byte[] PING = Ascii.bytes("PING");
    private static final byte[] ERROR = Ascii.bytes("ERROR");
    private static final byte[] NO_MOTD = Ascii.bytes("422 ");

    IrcSubsetDeliveryDecoder(DeliveryListener listener) {
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
        // [@tags] [:prefix] COMMAND params
        int command = from < to && buf.getByte(from) == '@' ? afterWord(buf, from, to) : from;
        if (command < to && buf.getByte(command) == ':') {
            command = afterWord(buf, command, to);
        }
        if (command >= to) {
            return;
        }
        if (Ascii.startsWith(buf, command, to, PRIVMSG)) {
            // PRIVMSG <target> <text>: the text is the last parameter, after a ':' unless it is one word.
            int space = buf.indexOf(command + PRIVMSG.length, to, (byte) ' ');
            if (space < 0 || space + 1 >= to) {
                listener.refused("a PRIVMSG without a text: " + Ascii.text(buf, from, to));
            } else {
                listener.message(buf, buf.getByte(space + 1) == ':' ? space + 2 : space + 1, to);
            }
        } else if (Ascii.startsWith(buf, command, to, END_OF_NAMES)) {
            joinedOnce();
        } else if (to - command >= 4 && buf.getByte(command + 3) == ' '
                && !Ascii.startsWith(buf, command, to, NO_MOTD)
                && (buf.getByte(command) == '4' || buf.getByte(command) == '5')
                && isDigit(buf.getByte(command + 1)) && isDigit(buf.getByte(command + 2))) {
            listener.refused(Ascii.text(buf, from, to));
        }
    }

    /** The index after the space that ends the word at {@code at}, or {@code to} when none does. */
    private static int afterWord(ByteBuf buf, int at, int to) {
        int space = buf.indexOf(at, to, (byte) ' ');
        return space < 0 ? to : space + 1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
