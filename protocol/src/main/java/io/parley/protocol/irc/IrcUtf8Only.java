package io.parley.protocol.irc;

import java.util.regex.Pattern;

/**
 * IRCv3 {@code UTF8ONLY} (docs/irc.md): the server advertises the 005 token and refuses a line
 * whose bytes are not UTF-8 with {@code FAIL <command> INVALID_UTF8}, or {@code FAIL *} when its
 * command cannot be read; such a line is never acted on, so nothing that is not UTF-8 reaches
 * another client, a topic, a real name or the store (the framing marks the line,
 * {@link io.parley.protocol.WireLine#utf8()}). Thread-safe (stateless).
 */
final class IrcUtf8Only {

    static final String TOKEN = "UTF8ONLY";
    static final String CODE = "INVALID_UTF8";
    static final String TEXT = "Message rejected, your IRC software MUST use UTF-8 encoding on this network";
    /** A command name a FAIL may repeat: a word of letters or a three-digit numeric. */
    private static final Pattern COMMAND = Pattern.compile("[A-Za-z]{1,32}|[0-9]{3}");

    private IrcUtf8Only() {}

    static void isupport(IrcIsupport isupport) {
        isupport.add(TOKEN);
    }

    /** The refusal of a line that was not UTF-8; {@code parsed} is it as read with replacements, or null. */
    static IrcMessage refusal(IrcReplies replies, IrcMessage parsed) {
        String command = parsed != null && COMMAND.matcher(parsed.command()).matches() ? parsed.command() : "*";
        return replies.standardReply(IrcNumerics.FAIL, command, CODE, TEXT);
    }
}
