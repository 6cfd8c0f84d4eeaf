package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Reads a NATS server's output (docs.nats.io, "Client Protocol"): {@code INFO} and {@code +OK}
 * are ignored, a {@code PING} is answered (the server closes a client that does not),
 * {@code -ERR} is a refusal, and a {@code MSG} line is followed by its payload. The member counts
 * as joined at the first {@code PONG} (the answer to the {@code PING} after its {@code SUB}) or
 * the first {@code MSG}, whichever comes first: the server delivers from the moment it takes the
 * {@code SUB}. The payload is taken as the next line: the bench's payloads never hold a line
 * break, so a payload that does not match the length its {@code MSG} announced is reported as a
 * refusal rather than trusted.
 */
final class NatsDeliveryDecoder extends DeliveryDecoder {

    private static final byte[] MSG = Ascii.bytes("MSG ");
    private static final byte[] PING = Ascii.bytes("PING");
    private static final byte[] PONG = Ascii.bytes("PONG");
    private static final byte[] PONG_LINE = Ascii.bytes("PONG\r\n");
    private static final byte[] INFO = Ascii.bytes("INFO ");
    private static final byte[] OK = Ascii.bytes("+OK");
    private static final byte[] ERR = Ascii.bytes("-ERR");

    /** The length the last {@code MSG} line announced, or -1 when a command line comes next. */
    private long payloadBytes = -1;

    NatsDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    @Override
    protected void line(ChannelHandlerContext ctx, ByteBuf buf, int from, int lineEnd) {
        int to = lineEnd > from && buf.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        if (payloadBytes >= 0) {
            long announced = payloadBytes;
            payloadBytes = -1;
            if (to - from != announced) {
                listener.refused("a NATS payload of " + (to - from) + " bytes where " + announced + " were announced");
                return;
            }
            listener.message(buf, from, to);
        } else if (Ascii.startsWith(buf, from, to, MSG)) {
            joinedOnce();
            // MSG <subject> <sid> [reply-to] <#bytes>: the length is the last field.
            int space = buf.indexOf(to, from, (byte) ' ');
            payloadBytes = Ascii.parseDecimal(buf, space + 1, to);
            if (payloadBytes < 0) {
                listener.refused("a NATS MSG line without a length: " + Ascii.text(buf, from, to));
            }
        } else if (Ascii.startsWith(buf, from, to, PING)) {
            ctx.writeAndFlush(ctx.alloc().buffer(PONG_LINE.length).writeBytes(PONG_LINE), ctx.voidPromise());
        } else if (Ascii.startsWith(buf, from, to, PONG)) {
            joinedOnce();
        } else if (Ascii.startsWith(buf, from, to, ERR)) {
            listener.refused(Ascii.text(buf, from, to));
        } else if (!Ascii.startsWith(buf, from, to, INFO) && !Ascii.startsWith(buf, from, to, OK)) {
            listener.refused("not a NATS server line: " + Ascii.text(buf, from, to));
        }
    }
}
