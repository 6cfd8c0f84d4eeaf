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

    /**
     * Parses the header of the text in {@code [from, to)}; false when it is not a payload. One
     * pass over the header's bytes (this runs once per delivery, a million times a second in W3).
     */
    boolean parse(ByteBuf buf, int from, int to) {
        cursor = from;
        long parsedSender = field(buf, to);
        long parsedSeq = parsedSender < 0 ? -1 : field(buf, to);
        long parsedStamp = parsedSeq < 0 ? -1 : field(buf, to);
        if (parsedStamp < 0 || parsedSender > Integer.MAX_VALUE) {
            return false;
        }
        sender = (int) parsedSender;
        seq = parsedSeq;
        stampNanos = parsedStamp;
        return true;
    }

    /** Where {@link #field} reads next. */
    private int cursor;

    /**
     * The decimal number at {@link #cursor} ended by a dot, moving the cursor past the dot; -1
     * when there is none (no digit, a non-digit, more than 18 digits, or no dot before {@code to}).
     */
    private long field(ByteBuf buf, int to) {
        long value = 0;
        int digits = 0;
        for (int i = cursor; i < to; i++) {
            byte b = buf.getByte(i);
            if (b == DOT) {
                cursor = i + 1;
                return digits == 0 ? -1 : value;
            }
            int digit = b - '0';
            if (digit < 0 || digit > 9 || ++digits > 18) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return -1;
    }
}
