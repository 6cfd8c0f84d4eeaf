package io.parley.protocol.irc;

import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The escape that shows a Parley name (or room name) that is not a valid IRC nick (or channel)
 * as one that is, reversibly: a backtick, then the name with every character that may not appear
 * written as a backtick, its code point in lower-case hex, and a backtick.
 * {@code alice smith} is {@code `alice`20`smith}, {@code José} is {@code `Jos`e9`}.
 *
 * <p>Why it cannot collide: names shown as they are ({@code alice}) never contain a backtick,
 * since the backtick is one of the characters that must be escaped, and escaped names always start
 * with one; the escape is a prefix code (each piece is either one allowed character or a
 * backtick-delimited code point), so it reads back one way only; and a name that is read back is
 * accepted only in the one form {@link #escape} writes (lower-case hex, no leading zeros, only
 * the characters that need it escaped), so every name has exactly one IRC spelling up to
 * {@link IrcCasemapping ascii} case, and two spellings that fold alike are the same Parley name.
 *
 * <p>Thread-safe (immutable).
 */
final class IrcNameEscapes {

    static final char MARK = '`';
    private static final int MAX_HEX_DIGITS = 6;

    private final IntPredicate allowed;

    /** @param allowed the characters written as they are (must exclude the backtick) */
    IrcNameEscapes(IntPredicate allowed) {
        if (allowed.test(MARK)) {
            throw new IllegalArgumentException("the backtick must be escaped");
        }
        this.allowed = allowed;
    }

    /** Whether every character of {@code name} is allowed as it is. */
    boolean allAllowed(String name) {
        return name.codePoints().allMatch(allowed);
    }

    /** The escaped form, with its leading backtick. */
    String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8).append(MARK);
        name.codePoints().forEach(c -> {
            if (allowed.test(c)) {
                escaped.appendCodePoint(c);
            } else {
                escaped.append(MARK).append(Integer.toHexString(c)).append(MARK);
            }
        });
        return escaped.toString();
    }

    /**
     * The name an escaped form (with its leading backtick) stands for, or empty if it is not one
     * {@link #escape} could have written (up to ascii case).
     */
    Optional<String> unescape(String escaped) {
        if (escaped.length() < 2 || escaped.charAt(0) != MARK) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(escaped.length());
        int i = 1;
        while (i < escaped.length()) {
            int c = escaped.codePointAt(i);
            if (c != MARK) {
                if (!allowed.test(c)) {
                    return Optional.empty();
                }
                name.appendCodePoint(c);
                i += Character.charCount(c);
                continue;
            }
            int close = escaped.indexOf(MARK, i + 1);
            if (close < 0 || close == i + 1 || close - i - 1 > MAX_HEX_DIGITS) {
                return Optional.empty();
            }
            int codePoint;
            try {
                codePoint = Integer.parseInt(escaped, i + 1, close, 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (!Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return Optional.empty();
            }
            name.appendCodePoint(codePoint);
            i = close + 1;
        }
        String decoded = name.toString();
        // Only the canonical spelling stands for the name: "`41`" is not another "A".
        return IrcCasemapping.same(escape(decoded), escaped) ? Optional.of(decoded) : Optional.empty();
    }
}
