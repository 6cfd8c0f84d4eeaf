package io.parley.protocol.irc;

import io.parley.core.text.Text;

/**
 * What an IRC client's message text becomes in a room every protocol reads: IRC's formatting
 * codes (bold, colours, italics, reverse, reset, ...) are dropped, a CTCP ACTION
 * ({@code \x01ACTION waves\x01}) becomes {@code /me waves} (which IRC members get back as an
 * ACTION), and any other control character is replaced as for every protocol
 * ({@link Text#clean}). Thread-safe (stateless).
 */
final class IrcTexts {

    private IrcTexts() {}

    static String toParley(String text) {
        String body = text;
        if (body.startsWith("\u0001ACTION ")) {
            body = IrcEventEncoder.ACTION_PREFIX + body.substring("\u0001ACTION ".length());
            if (body.endsWith("\u0001")) {
                body = body.substring(0, body.length() - 1);
            }
        }
        return Text.clean(stripFormatting(body), false);
    }

    /** Drops {@code \x02 \x1D \x1F \x1E \x11 \x16 \x0F}, and {@code \x03} / {@code \x04} with their colour arguments. */
    static String stripFormatting(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u0002', '\u001D', '\u001F', '\u001E', '\u0011', '\u0016', '\u000F' -> { }
                case '\u0003' -> i = skipColour(text, i, 2, Character::isDigit);
                case '\u0004' -> i = skipColour(text, i, 6, IrcTexts::isHexDigit);
                default -> plain.append(c);
            }
        }
        return plain.toString();
    }

    private interface CharTest {
        boolean test(char c);
    }

    /** The index of the last character of a colour code starting at {@code at}: {@code [fg[,bg]]}. */
    private static int skipColour(String text, int at, int digits, CharTest digit) {
        int i = skipDigits(text, at + 1, digits, digit);
        if (i > at + 1 && i + 1 < text.length() && text.charAt(i) == ',' && digit.test(text.charAt(i + 1))) {
            i = skipDigits(text, i + 1, digits, digit);
        }
        return i - 1;
    }

    private static int skipDigits(String text, int from, int most, CharTest digit) {
        int i = from;
        while (i < text.length() && i - from < most && digit.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
