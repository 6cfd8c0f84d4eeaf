package io.parley.protocol.irc;

import java.util.Optional;

/**
 * {@code account-tag}: the account of a message's source, read from the source's nick, so that
 * every message a user causes (PRIVMSG, NOTICE, JOIN, INVITE, AWAY, ...) carries it alike. An IRC
 * user's account is its SASL login; another protocol's user has one when its name is registered
 * ({@link IrcServer#accountOf}). Thread-safe (stateless).
 */
final class IrcAccountTags {

    private IrcAccountTags() {}

    /** The account to tag {@code message} with, or null (a server's message, or a user not logged in). */
    static String of(IrcServer server, IrcMessage message) {
        String source = message.source();
        if (source == null) {
            return null;
        }
        int bang = source.indexOf('!');
        if (bang <= 0) {
            return null; // the server itself
        }
        Optional<String> name = IrcNicks.toName(source.substring(0, bang));
        return name.map(server::accountOf).orElse(null);
    }
}
