package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.RPL_AWAY;

import io.netty.channel.ChannelHandlerContext;
import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.account.PrivateMessages;
import io.parley.core.text.NameKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Private messages between IRC users, kept like every private message (docs/irc.md,
 * "Private-message history"): a {@code PRIVMSG nick} (a CTCP ACTION too, not another CTCP, nor a
 * {@code NOTICE}) is charged to the sender's daily quota and stored through the core's
 * {@link PrivateMessages#keep}, and only then relayed to the recipient and echoed, both with the
 * stored message's {@code msgid} ({@link IrcMsgIds#privateMessage}) and time, the text as history
 * gives it back (IRC formatting dropped, as in channels). Each party is stored by its name and
 * guest token ({@link #party}): a user logged in to the account that owns its nick by the account
 * alone, a guest by a token of its connection, so that a guest's conversations are read by its
 * own connection only (and by the other party). Event-loop only (the sender's); stateless.
 */
final class IrcConversations {

    private IrcConversations() {}

    /** Whether a {@code command} of {@code text} to a nick is kept: a PRIVMSG of text or a CTCP ACTION. */
    static boolean kept(String command, String text) {
        if (!command.equals("PRIVMSG")) {
            return false;
        }
        boolean ctcp = text.startsWith("\u0001");
        return (!ctcp || text.startsWith("\u0001ACTION ")) && !IrcTexts.toParley(text).isBlank();
    }

    /** How history knows {@code session} under its current name. */
    static Party party(IrcSession session) {
        return party(session, session.name());
    }

    /** How history knows {@code session} under {@code name}: by the account, or as a guest of this connection. */
    static Party party(IrcSession session, String name) {
        String account = session.account();
        boolean owner = account != null && NameKeys.key(account).equals(NameKeys.key(name));
        return new Party(name, owner ? "" : session.guestToken);
    }

    /**
     * Stores {@code text} from {@code session} to the IRC user {@code to}, then relays and echoes
     * it; adds the replies to {@code out} on the loop, where the stage completes. The echo waits
     * until the delivery is written on the recipient's loop, so that a client's next command (a
     * PING used as a barrier) is answered only once the recipient has the message too.
     */
    static CompletionStage<?> send(ChannelHandlerContext ctx, IrcServer server, IrcSession session, List<Object> out,
            IrcSession to, Map<String, String> clientTags, String text) {
        Party from = party(session);
        Party recipient = party(to);
        String nick = to.nick();
        return server.accounts.privateMessages().keep(from.name(), from.guest(), recipient.name(), recipient.guest(),
                IrcTexts.toParley(text)).thenCompose(outcome -> {
                    if (!(outcome instanceof PrivateMessages.Kept kept)) {
                        return CompletableFuture.completedFuture(outcome);
                    }
                    List<IrcDirect> lines = lines(server, session, to, clientTags, kept.message());
                    return CompletableFuture.runAsync(() -> lines.forEach(line -> to.member().pushMessage(line)),
                            to.member().executor()).thenApply(delivered -> outcome);
                }).handleAsync((outcome, failure) -> {
                    if (failure != null) {
                        out.add(serverNotice(server, session, "Your message to " + nick + " was not stored, try again"));
                    } else if (outcome instanceof PrivateMessages.OverQuota over) {
                        out.add(IrcPrivateMessages.overQuota(server, session, nick, over));
                    } else if (outcome instanceof PrivateMessages.Kept kept) {
                        if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
                            out.addAll(lines(server, session, to, clientTags, kept.message()));
                        }
                        if (to.away() != null) {
                            out.add(server.replies.numeric(RPL_AWAY, session.nick(), nick, to.away()));
                        }
                    }
                    return null;
                }, ctx.executor());
    }

    /** The stored {@code message} as relayed and echoed: the same lines, msgids and time for both. */
    private static List<IrcDirect> lines(IrcServer server, IrcSession session, IrcSession to, Map<String, String> clientTags,
            PrivateMessage message) {
        List<IrcMessage> lines = IrcPrivateMessages.lines(server, session.source(), to.nick(), message);
        List<IrcDirect> directs = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> tags = new LinkedHashMap<>(clientTags);
            tags.put("msgid", IrcMsgIds.line(IrcMsgIds.privateMessage(message.id()), i));
            directs.add(new IrcDirect(lines.get(i).withTags(tags), message.time()));
        }
        return directs;
    }

    /** A stored private message as CHATHISTORY gives it to {@code reader}: its lines, with {@code time} and {@code msgid}. */
    static List<IrcMessage> history(IrcServer server, PrivateMessage message) {
        List<IrcMessage> lines = IrcPrivateMessages.lines(server, server.sourceOfAuthor(message.from()), IrcNicks.toNick(message.to()),
                message);
        String msgid = IrcMsgIds.privateMessage(message.id());
        java.util.ArrayList<IrcMessage> tagged = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("time", IrcEventEncoder.SERVER_TIME.format(message.time()));
            tags.put("msgid", IrcMsgIds.line(msgid, i));
            tagged.add(lines.get(i).withTags(tags));
        }
        return tagged;
    }

    /** The nick {@code reader} talked with in {@code message}. */
    static String other(Party reader, PrivateMessage message) {
        return IrcNicks.toNick(reader.sent(message) ? message.to() : message.from());
    }

    /** The private message a {@code msgid=} reference names, if it names one. */
    static Optional<Long> point(String msgid) {
        return IrcMsgIds.parsePrivate(msgid);
    }

    private static IrcMessage serverNotice(IrcServer server, IrcSession session, String text) {
        return IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(), text);
    }
}
