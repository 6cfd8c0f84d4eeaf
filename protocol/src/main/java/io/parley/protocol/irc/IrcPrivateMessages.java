package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.ERR_NOSUCHNICK;

import io.netty.channel.ChannelHandlerContext;
import io.parley.core.account.PrivateMessage;
import io.parley.core.account.PrivateMessages;
import io.parley.core.text.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Private messages between IRC and the other protocols, through the core's
 * {@link PrivateMessages} (the sender's daily quota, stored in history, then delivered): a
 * {@code PRIVMSG nick} (or {@code NOTICE}) to a user another protocol holds (an account user)
 * becomes that protocol's private message, in clear ({@code D PM <nick> text ...} for the
 * account protocol, which marks it apart from encrypted ones); a private message to an IRC user
 * arrives as {@code PRIVMSG}. An encrypted one (only an account client can read it) is never
 * shown as text: the IRC user gets a {@code NOTICE} that it waits in the account's history.
 * Messages between two IRC users do not come here: they go straight to the other connection.
 * Thread-safe (stateless helpers); {@link #send} runs on the sender's loop.
 */
final class IrcPrivateMessages {

    private IrcPrivateMessages() {}

    /**
     * Sends {@code text} from {@code session} to {@code recipient} (a name in the server's
     * presence, not an IRC user), adding replies to {@code out} on the loop. The stage completes
     * on the loop once the message is stored (or refused), so the next command waits for it.
     */
    static CompletionStage<?> send(ChannelHandlerContext ctx, IrcServer server, IrcSession session, List<Object> out,
            String command, String target, String recipient, String text, boolean notice) {
        String body = IrcTexts.toParley(text);
        return server.accounts.privateMessages().send(session.name(), recipient, false, body)
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
                        out.add(serverNotice(server, session, "Your message to " + target + " was not sent: private message limit reached ("
                                + over.exceeded().maxBytes() + " bytes a day); try again in "
                                + over.exceeded().retryAfterHours() + " hours"));
                    } else if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
                        out.add(new IrcDirect(IrcMessage.from(session.source(), command, target, text), Instant.now()));
                    }
                    return null;
                }, ctx.executor());
    }

    /** What an IRC user {@code to} is shown of a private message from another protocol. */
    static List<IrcDirect> render(IrcServer server, IrcSession to, PrivateMessage message) {
        String source = server.sourceOfAuthor(message.from());
        List<IrcDirect> lines = new ArrayList<>();
        if (message.encrypted()) {
            lines.add(new IrcDirect(IrcMessage.from(server.settings.serverName(), "NOTICE", to.nick(),
                    "An encrypted private message from " + IrcNicks.toNick(message.from())
                            + " cannot be shown on IRC; read it with the account client"), message.time()));
            return lines;
        }
        int max = IrcLimits.maxTextBytes(source, "PRIVMSG", to.nick());
        for (String line : Text.lines(message.body())) {
            boolean action = line.startsWith(IrcEventEncoder.ACTION_PREFIX);
            String text = action ? line.substring(IrcEventEncoder.ACTION_PREFIX.length()) : line;
            for (String piece : IrcLimits.split(text, action ? max - "\u0001ACTION \u0001".length() : max)) {
                if (!piece.isEmpty()) {
                    String body = action ? "\u0001ACTION " + piece + "\u0001" : piece;
                    lines.add(new IrcDirect(IrcMessage.from(source, "PRIVMSG", to.nick(), body), message.time()));
                }
            }
        }
        return lines;
    }

    private static IrcMessage serverNotice(IrcServer server, IrcSession session, String text) {
        return IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(), text);
    }
}
