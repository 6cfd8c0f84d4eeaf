package io.parley.protocol;

import io.parley.core.text.Blanks;
import io.parley.core.text.Lookalikes;
import io.parley.core.text.Text;
import java.util.Optional;

/** The checks every protocol applies to names (of users and rooms) before the core sees them. */
public final class Names {

    private Names() {}

    /**
     * Why {@code name} is not acceptable, or empty if it is. A name is 1 to {@code maxLength}
     * characters (code points), with no control or format characters (so it can never break a
     * line, or hide one, in any protocol's output), no colon nor anything that looks like one
     * (a line client shows {@code name: text}, so {@code bob: hi} or {@code bob꞉ hi} as a name
     * would put words in bob's mouth), no {@code *} or look-alike first (server notices to line
     * clients start with {@code * }, so {@code * alice joined lobby} as a name would fake one) and
     * no leading or trailing white space.
     */
    public static Optional<String> problem(String name, int maxLength) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > maxLength) {
            return Optional.of("must be 1-" + maxLength + " characters");
        }
        // Plain loops rather than code point streams: every join checks its names (docs/performance.md).
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Text.isInvisibleOrBreaking(c)) {
                return Optional.of("must not contain control characters");
            }
            i += Character.charCount(c);
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("must not contain ':'");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Lookalikes.looksLike(c, ':')) {
                return Optional.of("must not contain " + shown(c) + ", which looks like ':'");
            }
            i += Character.charCount(c);
        }
        String seen = Blanks.fold(name); // what a reader sees first, past blanks and invisible characters
        if (!seen.isEmpty() && Lookalikes.looksLike(seen.codePointAt(0), '*')) {
            int first = seen.codePointAt(0);
            return Optional.of(first == '*' ? "must not start with '*'"
                    : "must not start with " + shown(first) + ", which looks like '*'");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("must not start or end with a space");
        }
        return Optional.empty();
    }

    /** {@code 'c' (U+XXXX)}: a visible character (control and format ones were refused first) and its code. */
    private static String shown(int codePoint) {
        return "'" + new String(Character.toChars(codePoint)) + "' (U+" + String.format("%04X", codePoint) + ")";
    }

    public static boolean isValid(String name, int maxLength) {
        return problem(name, maxLength).isEmpty();
    }
}
