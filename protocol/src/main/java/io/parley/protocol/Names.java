package io.parley.protocol;

import java.util.Optional;

/** The checks every protocol applies to names (of users and rooms) before the core sees them. */
public final class Names {

    private Names() {}

    /**
     * Why {@code name} is not acceptable, or empty if it is. A name is 1 to {@code maxLength}
     * characters (code points), with no control or format characters (so it can never break a
     * line, or hide one, in any protocol's output), no colon (a line client shows
     * {@code name: text}, so {@code bob: hi} as a name would put words in bob's mouth) and no
     * leading or trailing white space.
     */
    public static Optional<String> problem(String name, int maxLength) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > maxLength) {
            return Optional.of("must be 1-" + maxLength + " characters");
        }
        if (name.codePoints().anyMatch(Text::isInvisibleOrBreaking)) {
            return Optional.of("must not contain control characters");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("must not contain ':'");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("must not start or end with a space");
        }
        return Optional.empty();
    }

    public static boolean isValid(String name, int maxLength) {
        return problem(name, maxLength).isEmpty();
    }
}
