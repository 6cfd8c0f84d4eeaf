package io.parley.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes the few ASCII fields the bench needs (prefixes, decimal numbers) straight in
 * {@link ByteBuf}s, so that a delivery is parsed without building a String. Stateless.
 */
final class Ascii {

    private Ascii() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether bytes {@code [from, to)} of {@code buf} start with {@code prefix}. */
    static boolean startsWith(ByteBuf buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The non-negative decimal number in {@code [from, to)}, or -1 when the range is empty, holds
     * anything but digits, or is too long for a long.
     */
    static long parseDecimal(ByteBuf buf, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** How many digits {@code value} (non-negative) has in decimal. */
    static int decimalLength(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Writes {@code value} (non-negative) in decimal. */
    static void writeDecimal(ByteBuf out, long value) {
        int digits = decimalLength(value);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        long rest = value;
        for (int i = end - 1; i >= out.writerIndex(); i--) {
            out.setByte(i, (int) ('0' + rest % 10));
            rest /= 10;
        }
        out.writerIndex(end);
    }

    /** The bytes {@code [from, to)} as text, for messages about unexpected input. */
    static String text(ByteBuf buf, int from, int to) {
        return buf.toString(from, to - from, StandardCharsets.UTF_8);
    }
}
