package io.parley.client.account;

/**
 * Text from the network made safe to print: a control character (an escape sequence from another
 * user could move the cursor, recolour or clear the screen) becomes U+FFFD. Stateless and
 * thread-safe.
 */
final class SafeText {

    private static final int REPLACEMENT = '\uFFFD';

    private SafeText() {}

    static String of(String text) {
        if (text.codePoints().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? REPLACEMENT : c));
        return safe.toString();
    }
}
