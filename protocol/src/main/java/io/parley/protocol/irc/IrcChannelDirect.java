package io.parley.protocol.irc;

import io.parley.core.room.Room;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A channel message that reaches the channel's IRC members straight from the sender's connection
 * instead of through the room: a CTCP other than ACTION ({@link IrcCtcp}) and a STATUSMSG
 * ({@link IrcStatusMessages}). It is IRC-only, so it is delivered as sent (no formatting dropped),
 * is not stored (no CHATHISTORY) and does not reach other protocols' members or other cluster
 * nodes. It gets a {@code msgid} of its own ({@link IrcMsgIds#unstored}), the same in the echo.
 * Event-loop only (the sender's); stateless.
 */
final class IrcChannelDirect {

    private IrcChannelDirect() {}

    /**
     * Sends {@code command target :text} from {@code session} to the registered IRC members of
     * {@code room} that {@code to} accepts, the sender aside, and echoes it with echo-message.
     */
    static void send(IrcServer server, IrcSession session, Room room, String target, String command, String text,
            Map<String, String> clientTags, Predicate<IrcSession> to, List<Object> out) {
        IrcDirect direct = new IrcDirect(IrcTagMessages.direct(server, session, clientTags, command, target, text),
                Instant.now());
        for (IrcSession member : server.ircMembers(room)) {
            if (member != session && to.test(member)) {
                member.member().pushMessage(direct);
            }
        }
        if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
            out.add(direct);
        }
    }
}
