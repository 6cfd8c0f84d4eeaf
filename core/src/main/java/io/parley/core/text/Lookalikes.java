package io.parley.core.text;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;

/**
 * Whether a character passes for a given ASCII character: is it (after NFKC, which folds the
 * full-width, small and vertical presentation forms) or is it confusable with it (the Unicode
 * confusables of UTS #39)? {@code ：} (U+FF1A), {@code ꞉} (U+A789), {@code ∶} (U+2236) and
 * {@code ︓} (U+FE13) all pass for {@code :}. Thread-safe (stateless).
 */
public final class Lookalikes {

    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    /**
     * What each ASCII character shows as (its NFKC form, then its skeleton), worked out once:
     * every user and room name is checked character by character at each join, and the ICU
     * calls cost more than the rest of a join's checks (docs/performance.md, "Connections per second").
     */
    private static final String[][] ASCII_SHOWS_AS = new String[128][];

    static {
        for (int c = 0; c < ASCII_SHOWS_AS.length; c++) {
            ASCII_SHOWS_AS[c] = showsAs(c);
        }
    }

    private Lookalikes() {}

    /** Whether {@code codePoint} is {@code ascii} or shows as it. */
    public static boolean looksLike(int codePoint, char ascii) {
        if (codePoint == ascii) {
            return true;
        }
        String[] shown = codePoint >= 0 && codePoint < ASCII_SHOWS_AS.length ? ASCII_SHOWS_AS[codePoint] : showsAs(codePoint);
        return shown[0].indexOf(ascii) >= 0 || shown[1].indexOf(ascii) >= 0;
    }

    /** {@code codePoint} after NFKC, and that form's confusable skeleton. */
    private static String[] showsAs(int codePoint) {
        String folded = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        return new String[] {folded, SKELETONS.getSkeleton(folded)};
    }
}
