package io.parley.protocol.irc;

/**
 * CTCP in message texts ({@code \x01VERB args\x01}). An {@code ACTION} ({@code /me}) is chat and
 * goes through the room like any text ({@link IrcTexts}); any other CTCP (a request such as
 * {@code VERSION} or {@code PING}, or its reply) is IRC client traffic: to a channel it reaches the
 * channel's IRC members as sent and is not stored ({@link IrcChannelDirect}), and a channel with
 * {@code +C} refuses it. Thread-safe (stateless).
 */
final class IrcCtcp {

    /** The no-CTCP channel mode. */
    static final char NO_CTCP = 'C';

    private IrcCtcp() {}

    /** Whether {@code text} is a CTCP ACTION. */
    static boolean isAction(String text) {
        return text.startsWith("\u0001ACTION ") || text.equals("\u0001ACTION\u0001") || text.equals("\u0001ACTION");
    }

    /** Whether {@code text} is a CTCP other than ACTION. */
    static boolean isOtherThanAction(String text) {
        return text.length() > 1 && text.charAt(0) == '\u0001' && !isAction(text);
    }

    /** Whether a channel with {@code state} takes {@code text}: under {@code +C}, no CTCP but ACTION. */
    static boolean allowedIn(IrcChannelState state, String text) {
        return !(state.has(NO_CTCP) && isOtherThanAction(text));
    }
}
