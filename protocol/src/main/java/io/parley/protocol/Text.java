package io.parley.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * What every protocol does to text from a client before anyone else sees it, and how text is cut
 * into lines on the way out. Control characters (C0 but tab and, where the protocol allows
 * multi-line text, line feed; DEL; C1) become U+FFFD, so no client can send terminal escapes,
 * bells or NULs to another, nor a CR that rewrites a line. (Invalid UTF-8, overlong encodings
 * included, is already U+FFFD: the decoders use the JDK's strict UTF-8 decoder with replacement.)
 */
public final class Text {

    private static final char REPLACEMENT = '\uFFFD';

    private Text() {}

    /** {@code text} with its control characters replaced; a line feed kept only if {@code multiLine}. */
    public static String clean(String text, boolean multiLine) {
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || (multiLine && c == '\n') || !Character.isISOControl(c);
            if (!allowed) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(text);
                }
                cleaned.setCharAt(i, REPLACEMENT);
            }
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
