package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.ERR_NOSUCHNICK;

import io.netty.channel.ChannelHandlerContext;
import io.parley.core.account.PrivateMessage;
import io.parley.core.account.PrivateMessages;
import io.parley.core.account.Recipient;
import io.parley.core.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Private messages between IRC and the other protocols, through the core's
 * {@link PrivateMessages} (the sender's daily quota, stored in history, then delivered): a
 * {@code PRIVMSG nick} (or {@code NOTICE}) to a user another protocol holds (an account user)
 * becomes that protocol's private message, in clear ({@code D PM <nick> text ...} for the
 * account protocol, which marks it apart from encrypted ones); a private message to an IRC user
 * arrives as {@code PRIVMSG}. An encrypted one (only an account client can read it) is never
 * shown as text: the IRC user gets a {@code NOTICE} that it waits in the account's history.
 * Messages between two IRC users are kept too ({@link IrcConversations}); both show their
 * {@code msgid} ({@link IrcMsgIds#privateMessage}) and stored time.
 * Thread-safe (stateless helpers); {@link #send} runs on the sender's loop.
 */
final class IrcPrivateMessages {

    private IrcPrivateMessages() {}

    /**
     * Sends {@code text} from {@code session} to {@code recipient} (found in the server's
     * presence, not an IRC user of this node), adding replies to {@code out} on the loop. The stage completes
     * on the loop once the message is stored (or refused), so the next command waits for it.
     */
    static CompletionStage<?> send(ChannelHandlerContext ctx, IrcServer server, IrcSession session, List<Object> out,
            String command, String target, Recipient recipient, String text, boolean notice) {
        String body = IrcTexts.toParley(text);
        return server.accounts.privateMessages().send(session.name(), IrcConversations.party(session).guest(), recipient,
                false, body)
                .handleAsync((outcome, failure) -> {
                    if (failure != null) {
                        if (!notice) {
                            out.add(serverNotice(server, session, "Your message to " + target + " was not stored, try again"));
                        }
                    } else if (outcome instanceof PrivateMessages.NotOnline) {
                        if (!notice) {
                            out.add(server.replies.numeric(ERR_NOSUCHNICK, session.nick(), target, "No such nick/channel"));
                        }
                    } else if (outcome instanceof PrivateMessages.OverQuota over) {
                        out.add(overQuota(server, session, target, over));
                    } else if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
                        PrivateMessage stored = outcome instanceof PrivateMessages.Delivered delivered ? delivered.message()
                                : ((PrivateMessages.StoredOnly) outcome).message();
                        out.add(new IrcDirect(IrcMessage.from(session.source(), command, target, text)
                                .withTags(Map.of("msgid", IrcMsgIds.privateMessage(stored.id()))), stored.time()));
                    }
                    return null;
                }, ctx.executor());
    }

    /** What an IRC user {@code to} is shown of a private message from another protocol, tagged with its msgid. */
    static List<IrcDirect> render(IrcServer server, IrcSession to, PrivateMessage message) {
        List<IrcMessage> lines = lines(server, server.sourceOfAuthor(message.from()), to.nick(), message);
        List<IrcDirect> directs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            directs.add(new IrcDirect(lines.get(i).withTags(
                    Map.of("msgid", IrcMsgIds.line(IrcMsgIds.privateMessage(message.id()), i))), message.time()));
        }
        return directs;
    }

    /**
     * A stored private message as IRC shows it, without tags: {@code PRIVMSG target} from
     * {@code source}, a line per line of the text (long ones split), a {@code /me } line as a CTCP
     * ACTION; an encrypted one (only an account client can read it) as a server {@code NOTICE}
     * that says so, never as text.
     */
    static List<IrcMessage> lines(IrcServer server, String source, String target, PrivateMessage message) {
        List<IrcMessage> lines = new ArrayList<>();
        if (message.encrypted()) {
            lines.add(IrcMessage.from(server.settings.serverName(), "NOTICE", target,
                    "An encrypted private message from " + IrcNicks.toNick(message.from())
                            + " cannot be shown on IRC; read it with the account client"));
            return lines;
        }
        int max = IrcLimits.maxTextBytes(source, "PRIVMSG", target);
        for (String line : Text.lines(message.body())) {
            boolean action = line.startsWith(IrcEventEncoder.ACTION_PREFIX);
            String text = action ? line.substring(IrcEventEncoder.ACTION_PREFIX.length()) : line;
            String whole = action ? "\u0001ACTION " + text + "\u0001" : text;
            IrcMessage one = IrcMessage.from(source, "PRIVMSG", target, whole);
            if (!text.isEmpty() && one.bodyBytes() <= IrcLimits.MAX_BODY_BYTES) {
                lines.add(one); // fits as it is (maxTextBytes counts a ':' a text without spaces does not need)
                continue;
            }
            for (String piece : IrcLimits.split(text, action ? max - "\u0001ACTION \u0001".length() : max)) {
                if (!piece.isEmpty()) {
                    String body = action ? "\u0001ACTION " + piece + "\u0001" : piece;
                    lines.add(IrcMessage.from(source, "PRIVMSG", target, body));
                }
            }
        }
        return lines;
    }

    static IrcMessage overQuota(IrcServer server, IrcSession session, String target, PrivateMessages.OverQuota over) {
        return serverNotice(server, session, "Your message to " + target + " was not sent: private message limit reached ("
                + over.exceeded().maxBytes() + " bytes a day); try again in " + over.exceeded().retryAfterHours() + " hours");
    }

    private static IrcMessage serverNotice(IrcServer server, IrcSession session, String text) {
        return IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(), text);
    }
}
