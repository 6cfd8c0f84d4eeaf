package io.parley.protocol;

/** The checks every protocol applies to names (of users and rooms) before the core sees them. */
public final class Names {

    private Names() {}

    /**
     * A name is 1 to {@code maxLength} characters (code points), with no control or format
     * characters (so it can never break a line, or hide one, in any protocol's output) and no
     * leading or trailing white space.
     */
    public static boolean isValid(String name, int maxLength) {
        if (name == null || name.isEmpty() || !name.strip().equals(name)) {
            return false;
        }
        if (name.codePointCount(0, name.length()) > maxLength) {
            return false;
        }
        return name.codePoints().noneMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
        });
    }
}
