package io.parley.core.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Characters that show as nothing, or as a space, whatever they are called: the ones that let
 * {@code alice} followed by a no-break space, a Braille blank (U+2800) or a Hangul filler pass for
 * {@code alice}. Thread-safe (stateless).
 */
public final class Blanks {

    private static final int BRAILLE_BLANK = 0x2800;

    private Blanks() {}

    /**
     * Whether {@code codePoint} shows as a space: Unicode white space (U+0020, U+00A0, U+3000 and
     * the other space separators, tabs, line ends) or the Braille blank, which is a symbol that
     * renders as an empty cell.
     */
    public static boolean isBlank(int codePoint) {
        return UCharacter.isUWhiteSpace(codePoint) || Character.getType(codePoint) == Character.SPACE_SEPARATOR
                || codePoint == BRAILLE_BLANK;
    }

    /**
     * Whether {@code codePoint} normally shows as nothing at all: the Unicode
     * Default_Ignorable_Code_Point set (zero-width spaces and joiners, variation selectors, the
     * Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, soft hyphen, tags...).
     */
    public static boolean isInvisible(int codePoint) {
        return UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * {@code name} as it looks: invisible characters dropped, each run of blanks one space, none
     * at either end. {@code "alice\u2800"} and {@code "ali\u200Bce"} both become {@code "alice"}.
     */
    public static String fold(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        boolean pendingSpace = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (isInvisible(c)) {
                continue;
            }
            if (isBlank(c)) {
                pendingSpace = folded.length() > 0;
                continue;
            }
            if (pendingSpace) {
                folded.append(' ');
                pendingSpace = false;
            }
            folded.appendCodePoint(c);
        }
        return folded.toString();
    }
}
