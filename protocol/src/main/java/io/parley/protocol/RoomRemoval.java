package io.parley.protocol;

import io.parley.core.text.Text;

/**
 * An operator removed this connection's user from a room (an IRC channel operator's
 * {@code KICK}). Written down the user's pipeline like a {@link ServerNotice}, and rendered by its
 * protocol's {@link NoticeEncoder} in that protocol's error form
 * ({@link ConnectionErrors#kicked}); the connection is then closed, since line, TCD and account
 * clients have no way to learn they left a room while staying connected. Immutable.
 *
 * @param room   the room's name
 * @param by     who removed the user (a nick)
 * @param reason why, as they said
 */
public record RoomRemoval(String room, String by, String reason) {

    /** One line of text, without control characters: {@code kicked from lobby by alice (spam)}. */
    public String sentence() {
        return Text.clean("kicked from " + room + " by " + by + " (" + reason + ")", false);
    }
}
