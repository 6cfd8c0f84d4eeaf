package io.parley.protocol.irc;

/**
 * How IRC names compare: {@code CASEMAPPING=ascii}, the letters {@code A-Z} fold to {@code a-z}
 * and nothing else changes.
 *
 * <p>Why ascii and not rfc1459 (which also folds {@code []\~} to {@code {}|^}): a nick is a
 * Parley name, and Parley keys names and rooms with {@code Locale.ROOT} lower case
 * ({@link io.parley.core.text.NameKeys#key})
 * for every protocol. On ASCII text that is exactly this fold. Under rfc1459, {@code a[} and
 * {@code a{} would be one nick on IRC but two users elsewhere (a TCD user and a line user could
 * hold them at once), so an IRC client could not tell them apart. With ascii, two IRC names that
 * fold the same are always the same Parley name; two Parley names that differ only beyond ASCII
 * case ({@code ä}/{@code Ä}) are one user in Parley and simply never both exist. Ergo makes the
 * same choice for the same reason (its {@code ascii} mapping), and modern clients handle it.
 *
 * <p>Thread-safe (stateless).
 */
public final class IrcCasemapping {

    /** The ISUPPORT value. */
    public static final String NAME = "ascii";

    private IrcCasemapping() {}

    /** {@code name} with {@code A-Z} lowered; every other character as it is. */
    public static String fold(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] folded = name.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    if (folded[j] >= 'A' && folded[j] <= 'Z') {
                        folded[j] = (char) (folded[j] + ('a' - 'A'));
                    }
                }
                return new String(folded);
            }
        }
        return name;
    }

    /** Whether {@code a} and {@code b} are the same IRC name. */
    public static boolean same(String a, String b) {
        return a.length() == b.length() && fold(a).equals(fold(b));
    }
}
