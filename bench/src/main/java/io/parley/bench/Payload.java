package io.parley.bench;

import io.netty.buffer.ByteBuf;

/**
 * The text of every bench message: {@code <sender>.<seq>.<stamp>.} then {@code x} up to the
 * requested size, where {@code stamp} is the nanosecond (since the run's epoch) its latency
 * counts from: when the bench wrote it, or when the schedule meant to send it (see
 * {@link LatencyFrom}). A text that does not start with a digit (a TCD join announcement, the
 * line driver's join message) is not a payload.
 *
 * <p>A Payload instance is the reader: it holds the fields of the last text parsed, so parsing
 * allocates nothing. Confined to one connection's event loop.
 */
final class Payload {

    /** The separator between fields; also ends the header. */
    private static final byte DOT = '.';
    private static final byte[] PADDING = Ascii.bytes("x".repeat(256));

    int sender;
    long seq;
    long stampNanos;

    /** Writes a payload of at least {@code size} bytes (more only when the header is longer). */
    static void write(ByteBuf out, int sender, long seq, long stampNanos, int size) {
        int start = out.writerIndex();
        Ascii.writeDecimal(out, sender);
        out.writeByte(DOT);
        Ascii.writeDecimal(out, seq);
        out.writeByte(DOT);
        Ascii.writeDecimal(out, stampNanos);
        out.writeByte(DOT);
        int pad = size - (out.writerIndex() - start);
        while (pad > 0) {
            int chunk = Math.min(pad, PADDING.length);
            out.writeBytes(PADDING, 0, chunk);
            pad -= chunk;
        }
    }

    /** How many bytes {@link #write} writes for these fields. */
    static int length(int sender, long seq, long stampNanos, int size) {
        int header = Ascii.decimalLength(sender) + Ascii.decimalLength(seq) + Ascii.decimalLength(stampNanos) + 3;
        return Math.max(size, header);
    }

    /** Parses the header of the text in {@code [from, to)}; false when it is not a payload. */
    boolean parse(ByteBuf buf, int from, int to) {
        int first = buf.indexOf(from, to, DOT);
        int second = first < 0 ? -1 : buf.indexOf(first + 1, to, DOT);
        int third = second < 0 ? -1 : buf.indexOf(second + 1, to, DOT);
        if (third < 0) {
            return false;
        }
        long parsedSender = Ascii.parseDecimal(buf, from, first);
        long parsedSeq = Ascii.parseDecimal(buf, first + 1, second);
        long parsedStamp = Ascii.parseDecimal(buf, second + 1, third);
        if (parsedSender < 0 || parsedSender > Integer.MAX_VALUE || parsedSeq < 0 || parsedStamp < 0) {
            return false;
        }
        sender = (int) parsedSender;
        seq = parsedSeq;
        stampNanos = parsedStamp;
        return true;
    }
}
