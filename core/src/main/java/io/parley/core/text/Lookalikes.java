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

    private Lookalikes() {}

    /** Whether {@code codePoint} is {@code ascii} or shows as it. */
    public static boolean looksLike(int codePoint, char ascii) {
        if (codePoint == ascii) {
            return true;
        }
        String folded = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        return folded.indexOf(ascii) >= 0 || SKELETONS.getSkeleton(folded).indexOf(ascii) >= 0;
    }
}
