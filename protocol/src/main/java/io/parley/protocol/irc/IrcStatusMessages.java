package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STATUSMSG ({@code STATUSMSG=@+}): {@code PRIVMSG @#chan :text} reaches the channel's IRC
 * members with {@code +o}, {@code PRIVMSG +#chan} those with {@code +v} or {@code +o} (with
 * several prefixes, the lowest counts), as sent, target prefix included. Any member who may speak
 * in the channel may send one, as on InspIRCd; the channel's other rules ({@code +n}, {@code +m},
 * bans, mutes, {@code +C}) apply as to a message to the whole channel. It is IRC-only and not
 * stored ({@link IrcChannelDirect}): other protocols' operators do not get it. Event-loop only
 * (the sender's); stateless.
 */
final class IrcStatusMessages {

    /** The status prefixes a channel target may carry, highest first. */
    static final String PREFIXES = "@+";

    private IrcStatusMessages() {}

    /** Whether {@code target} is a status prefix (or several) and then a channel. */
    static boolean isStatusTarget(String target) {
        int at = prefixLength(target);
        return at > 0 && IrcChannels.isChannel(target.substring(at));
    }

    private static int prefixLength(String target) {
        int at = 0;
        while (at < target.length() && PREFIXES.indexOf(target.charAt(at)) >= 0) {
            at++;
        }
        return at;
    }

    /**
     * Sends a PRIVMSG or NOTICE to a status target; refusals (not for NOTICE) go to {@code out}.
     * Returns the room whose members' loops it was handed to, or null if it was refused.
     */
    static Room send(IrcServer server, IrcSession session, IrcChannelCommands channels, String command, String target,
            String text, boolean notice, Map<String, String> clientTags, List<Object> out) {
        int at = prefixLength(target);
        String prefixes = target.substring(0, at);
        Optional<Room> found = IrcChannels.toRoom(target.substring(at)).flatMap(server.chat.rooms()::byName);
        if (found.isEmpty()) {
            if (!notice) {
                out.add(server.replies.numeric(ERR_NOSUCHCHANNEL, session.nick(), target, "No such channel"));
            }
            return null;
        }
        Room room = found.get();
        String channel = IrcChannels.toChannel(room.name());
        IrcChannelState state = server.channel(room);
        if (!channels.maySpeak(room, channel, notice)) {
            return null;
        }
        if (!IrcCtcp.allowedIn(state, text)) {
            if (!notice) {
                out.add(server.replies.numeric(ERR_CANNOTSENDTOCHAN, session.nick(), channel,
                        "Cannot send CTCP to channel (+C)"));
            }
            return null;
        }
        String shown = prefixes + channel;
        if (IrcMessage.from(session.source(), command, shown, text).bodyBytes() > IrcLimits.MAX_BODY_BYTES) {
            out.add(server.replies.numeric(ERR_INPUTTOOLONG, session.nick(), "Input line was too long"));
            return null;
        }
        boolean opsOnly = prefixes.indexOf('+') < 0;
        IrcChannelDirect.send(server, session, room, shown, command, text, clientTags, member -> {
            MemberRef ref = MemberRef.of(member.member(), member.name());
            return state.isOp(ref) || (!opsOnly && state.isVoiced(ref));
        }, out);
        return room;
    }
}
