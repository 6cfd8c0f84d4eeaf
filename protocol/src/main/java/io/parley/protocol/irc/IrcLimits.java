package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes an IRC line may have, from the Modern IRC documentation and the IRCv3 message-tags
 * specification, and how to measure and cut text to fit them. Sizes are UTF-8 bytes on the wire.
 * Thread-safe (stateless).
 */
public final class IrcLimits {

    /** The part of a line after its tags (source, command, parameters) with its CR LF. */
    public static final int MAX_BODY_BYTES = 512;
    /** The tag data a client may send: the tags section without its {@code @} and its space. */
    public static final int MAX_CLIENT_TAG_BYTES = 4094;
    /** The tag data a server may add to a message on its own. */
    public static final int MAX_SERVER_TAG_BYTES = 4094;
    /** The whole tags section, {@code @} and the space after it included. */
    public static final int MAX_TAGS_SECTION_BYTES = 8191;
    /** The longest line a framing handler need accept: both parts and CR LF. */
    public static final int MAX_LINE_BYTES = MAX_TAGS_SECTION_BYTES + MAX_BODY_BYTES;
    /**
     * The same without its line end: the limit to give the shared framing
     * ({@code LineFraming.withWireLengths(IrcLimits.MAX_FRAME_BYTES)}); a longer line is answered with 417.
     */
    public static final int MAX_FRAME_BYTES = MAX_LINE_BYTES - 2;

    private IrcLimits() {}

    /** The UTF-8 size of {@code text} (an unpaired surrogate counts as the 3-byte U+FFFD it is encoded as). */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The most bytes of text a {@code :<source> <command> <target> :<text>} line can carry within
     * {@link #MAX_BODY_BYTES}: what a relayed PRIVMSG or NOTICE from {@code source} may hold. The
     * adapter refuses an IRC client's message whose text is longer with {@code 417} (it fitted the
     * client's line but not the relayed one, which carries the sender's full source), so every
     * IRC member gets the whole text or nobody does; a longer text from another protocol is
     * {@linkplain #split split} to this size.
     */
    public static int maxTextBytes(String source, String command, String target) {
        return MAX_BODY_BYTES - 2 - utf8Length(":" + source + " " + command + " " + target + " :");
    }

    /**
     * {@code text} cut into pieces of at most {@code maxBytes} UTF-8 bytes each, never inside a
     * character: at the last space of a piece when it has one (the space is dropped), else at the
     * last character that fits. An empty text is one empty piece. Used to keep a PRIVMSG from
     * another protocol, whose text may be longer than an IRC line, within {@link #MAX_BODY_BYTES}.
     */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("a piece must hold any character: " + maxBytes);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int end = start;
        int bytes = 0;
        int lastSpace = -1;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            int size = utf8Length(c);
            if (bytes + size > maxBytes) {
                int cut = lastSpace > start ? lastSpace : end;
                pieces.add(text.substring(start, cut));
                start = cut == lastSpace ? cut + 1 : cut;
                end = start;
                bytes = 0;
                lastSpace = -1;
                continue;
            }
            if (c == ' ' && end > start) {
                lastSpace = end;
            }
            bytes += size;
            end += Character.charCount(c);
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /** The UTF-8 size of one code point (a lone surrogate is written as the 3-byte U+FFFD). */
    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
