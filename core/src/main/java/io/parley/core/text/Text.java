package io.parley.core.text;

import java.util.Arrays;
import java.util.List;

/**
 * What every protocol does to text from a client before anyone else sees it, and how text is cut
 * into lines on the way out. Characters that could break a line, hide text or reorder it on
 * another client's screen ({@link #isInvisibleOrBreaking}) become U+FFFD, so no client can send
 * terminal escapes, bells or NULs to another, nor a CR or line separator that starts a line, nor
 * a bidirectional override that makes text read backwards. (Invalid UTF-8, overlong encodings
 * included, is already U+FFFD: the decoders use the JDK's strict UTF-8 decoder with replacement.)
 */
public final class Text {

    private static final char REPLACEMENT = '\uFFFD';
    /** A format character, but the one that joins emoji into one (families, professions, flags). */
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Text() {}

    /**
     * Whether {@code codePoint} is a control character (C0, DEL, C1), a format character
     * (zero-width characters, bidirectional controls, tags), a line or paragraph separator, or a
     * lone surrogate.
     */
    public static boolean isInvisibleOrBreaking(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /**
     * {@code text} with each {@linkplain #isInvisibleOrBreaking invisible or breaking} character
     * replaced, but tab and the zero-width joiner; a line feed is kept only if {@code multiLine}.
     */
    public static String clean(String text, boolean multiLine) {
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean allowed = c == '\t' || c == ZERO_WIDTH_JOINER || (multiLine && c == '\n')
                    || !isInvisibleOrBreaking(c);
            if (!allowed) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(text.length()).append(text, 0, i);
                }
                cleaned.append(REPLACEMENT);
            } else if (cleaned != null) {
                cleaned.append(text, i, next);
            }
            i = next;
        }
        return cleaned == null ? text : cleaned.toString();
    }

    /**
     * The lines a stored text is written as, one protocol line (or frame) each: split at line
     * feeds, with CR and NUL dropped so that no text can forge a line of its own. An empty text
     * is one empty line.
     */
    public static List<String> lines(String text) {
        return Arrays.asList(text.replace("\r", "").replace("\0", "").split("\n", -1));
    }
}
