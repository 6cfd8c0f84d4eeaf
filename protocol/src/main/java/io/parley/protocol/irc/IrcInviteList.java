package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.Room;
import java.util.List;

/**
 * {@code INVITE} without arguments: the channels the user is invited to and has not joined since,
 * one {@code 336 <nick> <channel>} each (by channel name), then {@code 337 <nick> :End of /INVITE
 * list}. Invitations are kept by nick in each channel's state ({@link IrcChannelState}), in memory.
 * Event-loop only (the asker's); stateless.
 */
final class IrcInviteList {

    private IrcInviteList() {}

    static void list(IrcServer server, IrcSession session, List<Object> out) {
        server.chat.rooms().all().stream()
                .filter(room -> server.knownChannel(room).filter(state -> state.isInvited(session.nick())).isPresent())
                .map(Room::name).map(IrcChannels::toChannel).sorted(String.CASE_INSENSITIVE_ORDER)
                .forEach(channel -> out.add(server.replies.numeric(RPL_INVITELIST_USER, session.nick(), channel)));
        out.add(server.replies.numeric(RPL_ENDOFINVITELIST_USER, session.nick(), "End of /INVITE list"));
    }
}
