package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Reads an IRC server's output for {@link IrcDriver}: {@code PRIVMSG} lines to a channel are
 * deliveries, parsed in place (tags and source skipped, the text is the last parameter, with or
 * without its {@code :}); the member's own {@code JOIN} of a {@code #bench-k} channel is the
 * join (its room index as the room ref: from then on the server sends it the channel's messages,
 * even before the names that follow), its own {@code PART} the leave; {@code PING} is answered. Error numerics ({@code 4xx}, {@code 5xx}) and
 * {@code ERROR} are refusals, but for {@code 422} (no MOTD) and {@code 462} (the repeated
 * {@code USER} of a rejoin). Other lines (the welcome, names, other members' joins and parts)
 * are skipped.
 *
 * <p>On the way out it holds a new member's first {@code JOIN} until the server's {@code 001}
 * (InspIRCd answers a JOIN sent before its registration completes with {@code 451}).
 *
 * <p>When the server refuses {@code echo-message} ({@code CAP * NAK}: ngIRCd), a sender would
 * never see its own messages, which every protocol's checks expect. Then this handler, which
 * also sits on the way out, counts each {@code PRIVMSG} the member writes as delivered to it at
 * that moment (a local echo, latency about zero); one delivery in each room's member count is
 * then not measured through the server, which docs/performance.md says beside such figures.
 */
class IrcDeliveryDecoder extends DeliveryDecoder implements ChannelOutboundHandler {

    private static final byte[] PRIVMSG = Ascii.bytes("PRIVMSG ");
    private static final byte[] CHANNEL_PREFIX = Ascii.bytes("#bench-");

    private static final byte[] JOIN = Ascii.bytes("JOIN ");

    private String nick;
    private boolean localEcho;
    /** Whether the server has welcomed the member (001); its first JOIN waits for that. */
    private boolean registered;
    /** The first JOIN, held until 001: InspIRCd refuses a JOIN before registration completes (451). */
    private String heldJoin;

    IrcDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    /** Whether the server refused echo-message, so this member echoes its own messages. */
    boolean localEcho() {
        return localEcho;
    }

    @Override
    protected void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (to > from && buf.getByte(to - 1) == '\r') {
            to--;
        }
        int at = from;
        if (at < to && buf.getByte(at) == '@') {
            at = skipWord(buf, at, to);
        }
        int sourceFrom = -1;
        int sourceTo = -1;
        if (at < to && buf.getByte(at) == ':') {
            sourceFrom = at + 1;
            sourceTo = buf.indexOf(at, to, (byte) ' ');
            if (sourceTo < 0) {
                return;
            }
            at = sourceTo + 1;
        }
        if (Ascii.startsWith(buf, at, to, PRIVMSG)) {
            // PRIVMSG <target> <text>: the text is the last parameter, with its ':' when it has
            // a space or starts with one, and may be written without it when it is one word.
            int text = skipWord(buf, at + PRIVMSG.length, to);
            if (text >= to) {
                listener.refused("not an IRC message: " + Ascii.text(buf, from, to));
                return;
            }
            listener.message(buf, buf.getByte(text) == ':' ? text + 1 : text, to);
            return;
        }
        control(ctx, sourceFrom < 0 ? null : Ascii.text(buf, sourceFrom, sourceTo), Ascii.text(buf, at, to));
    }

    /** A line that is not a delivery: {@code command} is the command and its parameters. */
    private void control(ChannelHandlerContext ctx, String source, String command) {
        String[] words = command.split(" ");
        String verb = words[0];
        switch (verb) {
            case "PING" -> ctx.writeAndFlush(Unpooled.copiedBuffer("PONG " + (words.length > 1 ? words[1] : ":") + "\r\n",
                    StandardCharsets.US_ASCII), ctx.voidPromise());
            case "CAP" -> {
                if (words.length > 2 && words[2].equals("NAK")) {
                    localEcho = true;
                }
            }
            case "001" -> {
                nick = words.length > 1 ? words[1] : nick;
                registered = true;
                if (heldJoin != null) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(heldJoin, StandardCharsets.US_ASCII), ctx.voidPromise());
                    heldJoin = null;
                }
            }
            case "JOIN" -> {
                if (ownLine(source)) {
                    int room = words.length > 1 ? room(words[1].startsWith(":") ? words[1].substring(1) : words[1]) : -1;
                    if (room < 0) {
                        listener.refused("joined a channel that is not the bench's: " + command);
                    } else {
                        listener.joined(room, 0);
                    }
                }
            }
            case "PART" -> {
                if (ownLine(source)) {
                    listener.left();
                }
            }
            case "ERROR", "KICK", "KILL" -> listener.refused(command);
            default -> {
                if (verb.length() == 3 && (verb.charAt(0) == '4' || verb.charAt(0) == '5')
                        && !verb.equals("422") && !verb.equals("462")) {
                    listener.refused(command);
                }
            }
        }
    }

    /** Whether a line from {@code source} is this member's own (its JOIN, its PART), by the nick 001 gave it. */
    private boolean ownLine(String source) {
        return source != null && nick != null && (source.equals(nick) || source.startsWith(nick + "!"));
    }

    /** {@code k} of {@code #bench-k}, or -1. */
    private static int room(String channel) {
        if (!channel.startsWith("#bench-")) {
            return -1;
        }
        try {
            return Integer.parseInt(channel.substring(CHANNEL_PREFIX.length));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int skipWord(ByteBuf buf, int at, int to) {
        int space = buf.indexOf(at, to, (byte) ' ');
        return space < 0 ? to : space + 1;
    }

    /** The local echo (see the class comment): each PRIVMSG line written counts as received, when the server echoes nothing. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!registered && msg instanceof ByteBuf first) {
            msg = holdJoin(first);
        }
        if (localEcho && msg instanceof ByteBuf out) {
            int end = out.writerIndex();
            int start = out.readerIndex();
            listener.read(System.nanoTime()); // the echo "arrives" as it is written
            for (int eol = out.indexOf(start, end, (byte) '\n'); eol >= 0; eol = out.indexOf(start, end, (byte) '\n')) {
                int to = eol > start && out.getByte(eol - 1) == '\r' ? eol - 1 : eol;
                if (Ascii.startsWith(out, start, to, PRIVMSG)) {
                    int text = out.indexOf(start + PRIVMSG.length, to, (byte) ':');
                    if (text > 0) {
                        listener.message(out, text + 1, to);
                    }
                }
                start = eol + 1;
            }
        }
        ctx.write(msg, promise);
    }

    /**
     * What of the registration write goes now: all of it but its JOIN line, which is held until
     * 001, so that every server (InspIRCd too) takes it as from a registered user.
     */
    private ByteBuf holdJoin(ByteBuf out) {
        int end = out.writerIndex();
        for (int start = out.readerIndex(); start < end; ) {
            int eol = out.indexOf(start, end, (byte) '\n');
            int next = eol < 0 ? end : eol + 1;
            if (Ascii.startsWith(out, start, next, JOIN)) {
                heldJoin = out.toString(start, end - start, StandardCharsets.US_ASCII);
                ByteBuf head = out.retainedSlice(out.readerIndex(), start - out.readerIndex());
                out.release();
                return head;
            }
            start = next;
        }
        return out;
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
