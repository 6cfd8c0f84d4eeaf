package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A line as {@link LineFraming#withWireLengths} passes it on: its text, how many bytes it took
 * on the wire (without its line end), and whether those bytes were UTF-8. The lengths differ when
 * the client sent bytes that are not UTF-8: each becomes a U+FFFD, three bytes in UTF-8, but
 * counts as what the client sent. For a protocol whose limits are in the client's bytes, or that
 * refuses what is not UTF-8 instead of passing it on repaired (IRC's {@code UTF8ONLY}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param text the line, decoded as UTF-8 with invalid bytes replaced by U+FFFD
 * @param wireBytes the bytes the client sent for it, its line end left out
 * @param utf8 whether those bytes were valid UTF-8 (false: {@code text} holds replacements)
 */
public record WireLine(String text, int wireBytes, boolean utf8) {

    /** The {@code length} bytes of {@code in} from {@code start}, decoded and checked; {@code in} is not moved. */
    public static WireLine decode(ByteBuf in, int start, int length) {
        String text = in.toString(start, length, StandardCharsets.UTF_8);
        // Only a line holding U+FFFD may have been repaired; it was valid if it encodes back to
        // the same bytes (the decoder takes only the one shortest encoding of each character).
        boolean utf8 = text.indexOf('\uFFFD') < 0 || encodesBackTo(text, in, start, length);
        return new WireLine(text, length, utf8);
    }

    private static boolean encodesBackTo(String text, ByteBuf in, int start, int length) {
        byte[] again = text.getBytes(StandardCharsets.UTF_8);
        return again.length == length && ByteBufUtil.equals(in, start, Unpooled.wrappedBuffer(again), 0, length);
    }
}
