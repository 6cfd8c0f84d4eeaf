package io.parley.protocol.irc;

import java.util.Locale;

/**
 * The {@code nick!user@host} sources Parley writes for users, so that every one parses as one
 * word with exactly one {@code !} and one {@code @} after the nick.
 *
 * <ul>
 *   <li>An IRC user: {@code nick!~user@host}. The user name is what {@code USER} gave, kept to
 *       {@link IrcIsupport#USERLEN} letters, digits, {@code .}, {@code _} and {@code -} (others
 *       dropped; {@code u} if nothing is left), with {@code ~} first since Parley asks no ident
 *       server. The host is given by the adapter (the address, or a cloak).</li>
 *   <li>A user of another protocol: {@code nick!tcd@tcd.parley}, {@code nick!line@line.parley},
 *       {@code nick!account@account.parley}: the protocol says where the user is, and a
 *       {@code .parley} host can never be a real address an IRC user could connect from.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
public final class IrcSources {

    private IrcSources() {}

    /** {@code nick!user@host}; no part may be empty or hold a space, {@code !} or {@code @}. */
    public static String of(String nick, String user, String host) {
        for (String part : new String[] {nick, user, host}) {
            if (part.isEmpty() || part.indexOf(' ') >= 0 || part.indexOf('!') >= 0 || part.indexOf('@') >= 0) {
                throw new IllegalArgumentException("not a source part: " + IrcTags.escapeValue(part));
            }
        }
        return nick + "!" + user + "@" + host;
    }

    /** The user name an IRC client is shown with, from what its {@code USER} command gave. */
    public static String ircUser(String requested) {
        StringBuilder user = new StringBuilder("~");
        for (int i = 0; i < requested.length() && user.length() < IrcIsupport.USERLEN; i++) {
            char c = requested.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                user.append(c);
            }
        }
        return user.length() == 1 ? "~u" : user.toString();
    }

    /** The source of a Parley user of another protocol ({@code tcd}, {@code line}, {@code account}). */
    public static String otherProtocol(String name, String protocol) {
        String tag = protocol.toLowerCase(Locale.ROOT);
        if (!tag.matches("[a-z0-9-]{1,16}")) {
            throw new IllegalArgumentException("not a protocol tag: " + IrcTags.escapeValue(protocol));
        }
        return of(IrcNicks.toNick(name), tag, tag + ".parley");
    }
}
