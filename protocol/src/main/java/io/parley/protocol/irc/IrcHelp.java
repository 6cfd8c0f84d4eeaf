package io.parley.protocol.irc;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The text of {@code HELP [subject]} ({@code HELPOP} too): one line per command this server
 * answers, and an index without a subject. Thread-safe (immutable).
 */
final class IrcHelp {

    private static final Map<String, String> TOPICS = new TreeMap<>(Map.ofEntries(
            Map.entry("AWAY", "AWAY [:<text>] marks you away (or back, without a text)"),
            Map.entry("CAP", "CAP LS [302] | REQ :<caps> | LIST | END negotiates IRCv3 capabilities"),
            Map.entry("HELP", "HELP [<command>] shows this help"),
            Map.entry("INFO", "INFO tells about this server"),
            Map.entry("INVITE", "INVITE <nick> <#channel> invites a user to a channel you are in; INVITE alone lists your invitations"),
            Map.entry("ISON", "ISON <nick>... lists which of the nicks are online"),
            Map.entry("JOIN", "JOIN <#channel>[,<#channel>...] joins channels (rooms of every protocol); JOIN 0 leaves all"),
            Map.entry("KILL", "KILL <nick> [:<reason>] disconnects a user (operators only)"),
            Map.entry("LINKS", "LINKS lists the servers of this network (just this one)"),
            Map.entry("LIST", "LIST [<#channel>|<mask>|!<mask>|<n|>n|C<n|C>n|T<n|T>n,...] lists channels with their member counts and topics"),
            Map.entry("LUSERS", "LUSERS counts the users"),
            Map.entry("MODE", "MODE <#channel> [changes] | MODE <nick> [+|-Biw] shows or changes channel modes, or shows or sets your modes"),
            Map.entry("MOTD", "MOTD shows the message of the day"),
            Map.entry("NAMES", "NAMES <#channel> lists a channel's members"),
            Map.entry("NICK", "NICK <nick> changes your nick"),
            Map.entry("NOTICE", "NOTICE <target>[,<target>...] :<text> sends a notice"),
            Map.entry("OPER", "OPER <name> <password> makes you an IRC operator"),
            Map.entry("PART", "PART <#channel>[,...] [:<reason>] leaves channels"),
            Map.entry("PING", "PING <token> is answered with PONG"),
            Map.entry("PRIVMSG", "PRIVMSG <target>[,<target>...] :<text> sends a message to channels or nicks"),
            Map.entry("QUIT", "QUIT [:<reason>] disconnects"),
            Map.entry("TIME", "TIME tells the server's time"),
            Map.entry("TOPIC", "TOPIC <#channel> [:<topic>] shows or sets a channel's topic"),
            Map.entry("USERHOST", "USERHOST <nick>... shows users' user@host"),
            Map.entry("VERSION", "VERSION tells the server's version"),
            Map.entry("WALLOPS", "WALLOPS :<text> messages every user with mode +w (operators only)"),
            Map.entry("WHO", "WHO <#channel>|<nick> lists users"),
            Map.entry("WHOIS", "WHOIS <nick> tells about a user"),
            Map.entry("WHOWAS", "WHOWAS <nick> tells about a user who has left")));

    private IrcHelp() {}

    /** The help of {@code subject} (any case), or empty if there is none. */
    static Optional<String> of(String subject) {
        return Optional.ofNullable(TOPICS.get(subject.toUpperCase(Locale.ROOT)));
    }

    /** The index: every subject. */
    static String index() {
        return "Commands: " + String.join(" ", TOPICS.keySet()) + ". HELP <command> for one.";
    }
}
