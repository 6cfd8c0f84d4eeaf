package io.parley.protocol.irc;

/**
 * A line that is not an IRC message Parley accepts, and why. The adapter answers
 * {@link Problem#INPUT_TOO_LONG} with {@code 417 ERR_INPUTTOOLONG} and ignores the others, as
 * the Modern IRC documentation lets a server do with lines it cannot parse. The message never
 * quotes the line (it is client text). Immutable.
 */
public final class IrcSyntaxException extends Exception {

    /** What is wrong with a line. */
    public enum Problem {
        /** Nothing but spaces, or tags and a source with no command. */
        EMPTY,
        /** Tag data over {@link IrcLimits#MAX_CLIENT_TAG_BYTES} or the rest over {@link IrcLimits#MAX_BODY_BYTES}. */
        INPUT_TOO_LONG,
        /** A NUL, CR or LF inside the line: no parameter may hold one. */
        FORBIDDEN_CHARACTER,
        /** A command that is neither letters nor three digits. */
        BAD_COMMAND
    }

    private final Problem problem;

    public IrcSyntaxException(Problem problem) {
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
