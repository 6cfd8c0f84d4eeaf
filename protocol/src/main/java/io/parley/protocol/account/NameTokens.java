package io.parley.protocol.account;

import io.parley.core.text.Blanks;
import java.nio.charset.StandardCharsets;

/**
 * A user name as one token of a space-separated account frame ({@code D BM <name> <text>},
 * {@code D CH <time> BM <from> ...}). Account names never need it (letters, digits, {@code -_.}),
 * but line and TCD names may hold spaces, and {@code alice says} written as is would read as a
 * message from {@code alice}. So every blank or invisible character (see {@link Blanks}) and
 * {@code %} itself is percent-encoded as its UTF-8 bytes ({@code alice%20says},
 * {@code alice%E2%A0%80}, {@code 100%25}); everything else is written as is. A client splits the
 * frame at spaces and may decode {@code %XX} to show the name; one that does not still shows an
 * unambiguous, visibly different name. Thread-safe (stateless).
 */
final class NameTokens {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NameTokens() {}

    static String token(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean escape = c == '%' || Blanks.isBlank(c) || Blanks.isInvisible(c);
            if (escape && out == null) {
                out = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (escape) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            } else if (out != null) {
                out.append(name, i, next);
            }
            i = next;
        }
        return out == null ? name : out.toString();
    }
}
