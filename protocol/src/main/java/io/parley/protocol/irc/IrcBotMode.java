package io.parley.protocol.irc;

import java.util.Optional;

/**
 * IRCv3 bot mode ({@code BOT=B}): a user sets {@code MODE <nick> +B} to say it is a bot. Others
 * see it as {@code 335 RPL_WHOISBOT} in WHOIS, a {@code B} in WHO flags (after the channel
 * status) and, with {@code message-tags}, a {@code bot} tag on everything the bot sends (channel
 * and private messages, their echoes, its JOINs and the like). The mode is the connection's: it
 * ends with it and is not stored, and other protocols' users are never bots. Thread-safe
 * (stateless).
 */
final class IrcBotMode {

    /** The user mode letter ({@code BOT=B}). */
    static final char MODE = 'B';
    /** The message tag, without a value. */
    static final String TAG = "bot";

    private IrcBotMode() {}

    /** Whether {@code message}'s source is an IRC user in bot mode (read from the source's nick). */
    static boolean fromBot(IrcServer server, IrcMessage message) {
        String source = message.source();
        int bang = source == null ? -1 : source.indexOf('!');
        if (bang <= 0) {
            return false; // the server itself
        }
        Optional<IrcSession> user = IrcNicks.toName(source.substring(0, bang)).flatMap(server::user);
        return user.filter(IrcSession::isRegistered).map(IrcSession::bot).orElse(false);
    }

    /** The {@code 335} parameters (after the asker's nick) for {@code user}, if it is a bot. */
    static Optional<String[]> whois(IrcServer server, IrcSession user) {
        return user.bot() ? Optional.of(new String[] {user.nick(), "is a bot on " + server.settings.network()})
                : Optional.empty();
    }
}
