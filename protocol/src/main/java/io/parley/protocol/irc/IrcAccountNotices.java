package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.ERR_NEEDMOREPARAMS;

import io.parley.core.text.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What IRC users see of each other's identity changes: {@code account-notify}'s {@code ACCOUNT}
 * when a user logs in, and {@code setname}'s {@code SETNAME}. Thread-safe (stateless); called
 * on the changing user's loop.
 */
final class IrcAccountNotices {

    /** The longest real name SETNAME takes, in bytes (the same as a topic or away text). */
    static final int REALNAME_BYTES = IrcIsupport.TEXT_LENGTH;

    private IrcAccountNotices() {}

    /** {@code session} just logged in to {@code account}: its neighbours with account-notify are told. */
    static void loggedIn(IrcServer server, IrcSession session, Collection<IrcSession> neighbours) {
        if (!session.isRegistered()) {
            return; // nobody sees it yet: its JOINs will carry the account
        }
        IrcDirect notice = new IrcDirect(IrcMessage.from(session.source(), "ACCOUNT", session.account()), Instant.now());
        for (IrcSession other : neighbours) {
            if (other.has(IrcCapabilities.ACCOUNT_NOTIFY)) {
                other.member().push(notice);
            }
        }
    }

    /**
     * {@code SETNAME :<real name>}: the new real name is relayed to the user and its neighbours
     * that enabled {@code setname}; an empty or too long one is
     * {@code FAIL SETNAME INVALID_REALNAME}. Returns the others it was pushed to.
     */
    static List<IrcSession> setname(IrcServer server, IrcSession session, IrcMessage message, List<Object> out,
            Collection<IrcSession> neighbours) {
        String realName = message.param(0);
        if (realName == null) {
            out.add(server.replies.numeric(ERR_NEEDMOREPARAMS, session.nick(), "SETNAME", "Not enough parameters"));
            return List.of();
        }
        String clean = Text.clean(realName, false);
        if (clean.isBlank() || IrcLimits.utf8Length(clean) > REALNAME_BYTES) {
            out.add(IrcMessage.from(server.settings.serverName(), "FAIL", "SETNAME", "INVALID_REALNAME",
                    "Real name is empty or too long"));
            return List.of();
        }
        session.user(session.user(), clean);
        IrcDirect change = new IrcDirect(IrcMessage.from(session.source(), "SETNAME", clean), Instant.now());
        List<IrcSession> told = new ArrayList<>();
        for (IrcSession other : neighbours) {
            if (!other.has(IrcCapabilities.SETNAME)) {
                continue;
            }
            if (other == session) {
                out.add(change); // the reply to the user's own SETNAME (labeled, if the command was)
            } else {
                other.member().push(change);
                told.add(other);
            }
        }
        return told;
    }
}
