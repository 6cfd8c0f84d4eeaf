package io.parley.protocol.account;

/**
 * One frame of the account protocol (spec: {@code shared/specs/account.md}, "Framing"): a type
 * character ({@code C} command, {@code D} data), a space, the payload.
 */
record AccountFrame(char type, String payload) {

    boolean isCommand() {
        return type == 'C';
    }

    boolean isData() {
        return type == 'D';
    }

    /** The command's first word ({@code USER} in {@code C USER alice}), or "" for data frames. */
    String verb() {
        if (!isCommand()) {
            return "";
        }
        int space = payload.indexOf(' ');
        return space < 0 ? payload : payload.substring(0, space);
    }

    /** What follows the command's first word and one space, or "". */
    String argument() {
        int space = payload.indexOf(' ');
        return space < 0 ? "" : payload.substring(space + 1);
    }

    /** A command frame whose verb is {@code verb}. */
    boolean is(String verb) {
        return isCommand() && verb().equals(verb);
    }
}
