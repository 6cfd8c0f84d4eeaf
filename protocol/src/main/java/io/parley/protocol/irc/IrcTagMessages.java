package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.Room;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IRCv3 message-tags for messages that do not go through a room: {@code TAGMSG} (client-only tags
 * and no text, to a channel's IRC members or a nick, for clients with {@code message-tags} only;
 * not stored) and the tags of a {@code PRIVMSG}/{@code NOTICE} to a nick. Each gets a
 * {@code msgid} of its own ({@link IrcMsgIds#unstored}), the same in the echo and the delivery.
 * Event-loop only (the sender's); stateless.
 */
final class IrcTagMessages {

    private IrcTagMessages() {}

    /** {@code command target text} from {@code session}, with the sender's client-only tags and a new msgid. */
    static IrcMessage direct(IrcServer server, IrcSession session, Map<String, String> clientTags, String command,
            String target, String text) {
        return new IrcMessage(tags(server, clientTags), session.source(), command, List.of(target, text));
    }

    static void tagmsg(IrcServer server, IrcSession session, IrcMessage message, List<Object> out) {
        String target = message.param(0);
        if (target == null || target.isEmpty()) {
            out.add(server.replies.numeric(ERR_NEEDMOREPARAMS, session.nick(), "TAGMSG", "Not enough parameters"));
            return;
        }
        Map<String, String> clientTags = IrcClientTags.clientOnly(message.tags());
        if (IrcChannels.isChannel(target)) {
            Optional<Room> room = IrcChannels.toRoom(target).flatMap(server.chat.rooms()::byName);
            if (room.isEmpty()) {
                out.add(server.replies.numeric(ERR_NOSUCHCHANNEL, session.nick(), target, "No such channel"));
                return;
            }
            if (!session.rooms.containsKey(room.get().ref())) {
                out.add(server.replies.numeric(ERR_CANNOTSENDTOCHAN, session.nick(), target,
                        "Cannot send to channel (you are not in it)"));
                return;
            }
            String channel = IrcChannels.toChannel(room.get().name());
            IrcDirect direct = new IrcDirect(new IrcMessage(tags(server, clientTags), session.source(), "TAGMSG",
                    List.of(channel)), Instant.now());
            for (IrcSession member : server.ircMembers(room.get())) {
                if (member != session && member.has(IrcCapabilities.MESSAGE_TAGS)) {
                    member.member().push(direct);
                }
            }
            echo(session, direct, out);
            return;
        }
        Optional<IrcSession> recipient = IrcNicks.toName(target).flatMap(server::user).filter(IrcSession::isRegistered);
        if (recipient.isEmpty()) {
            out.add(server.replies.numeric(ERR_NOSUCHNICK, session.nick(), target, "No such nick/channel"));
            return;
        }
        IrcDirect direct = new IrcDirect(new IrcMessage(tags(server, clientTags), session.source(), "TAGMSG",
                List.of(recipient.get().nick())), Instant.now());
        if (recipient.get().has(IrcCapabilities.MESSAGE_TAGS)) {
            recipient.get().member().push(direct);
        }
        echo(session, direct, out);
    }

    private static void echo(IrcSession session, IrcDirect direct, List<Object> out) {
        if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
            out.add(direct);
        }
    }

    private static Map<String, String> tags(IrcServer server, Map<String, String> clientTags) {
        Map<String, String> tags = new LinkedHashMap<>(clientTags);
        tags.put("msgid", server.msgids.unstored());
        return tags;
    }
}
