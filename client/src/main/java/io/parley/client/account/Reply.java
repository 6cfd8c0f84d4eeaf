package io.parley.client.account;

import io.parley.core.text.Text;

/**
 * One frame from the server that a command flow waits for: a {@code C} reply or a {@code D CH}
 * history line (spec: {@code shared/specs/account.md}, "Framing"). Immutable.
 *
 * @param line the frame without its line end
 */
record Reply(String line) {

    /** True if the frame is {@code prefix} alone or {@code prefix} followed by a space and more. */
    boolean is(String prefix) {
        return line.equals(prefix) || line.startsWith(prefix + " ");
    }

    /** What follows {@code prefix} and its space; empty when the frame is the prefix alone. */
    String after(String prefix) {
        return line.length() > prefix.length() ? line.substring(prefix.length() + 1) : "";
    }

    boolean isOk() {
        return is("C OK");
    }

    /** The code of {@code C ERR <code> <text>}, or -1 when the frame is not an error. */
    int errorCode() {
        if (!is("C ERR")) {
            return -1;
        }
        String rest = after("C ERR");
        int space = rest.indexOf(' ');
        try {
            return Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** For the user: an error's text ({@code incorrect password}), or any other frame as it came. */
    String describe() {
        if (errorCode() >= 0) {
            String rest = after("C ERR");
            int space = rest.indexOf(' ');
            return Text.clean(space < 0 ? rest : rest.substring(space + 1), false);
        }
        return Text.clean("unexpected reply from the server: " + line, false);
    }
}
