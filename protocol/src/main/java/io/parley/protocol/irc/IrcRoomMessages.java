package io.parley.protocol.irc;

import io.parley.core.room.ChatMessage;
import io.parley.core.text.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A room message as IRC lines, live ({@link IrcEventEncoder}) and from history
 * ({@link IrcChathistory}) alike: one {@code PRIVMSG #room} (or {@code NOTICE}, live) per line of its text, a line too long
 * for one IRC line split ({@link IrcLimits#split}), a stored {@code /me } line as a CTCP ACTION.
 * Tags are the caller's. Thread-safe (stateless).
 */
final class IrcRoomMessages {

    private IrcRoomMessages() {}

    static List<IrcMessage> render(String source, String command, String channel, ChatMessage message) {
        List<IrcMessage> lines = new ArrayList<>(1);
        int max = IrcLimits.maxTextBytes(source, command, channel);
        for (String line : Text.lines(message.text())) {
            if (line.isEmpty()) {
                continue;
            }
            boolean action = line.startsWith(IrcEventEncoder.ACTION_PREFIX);
            String text = action ? line.substring(IrcEventEncoder.ACTION_PREFIX.length()) : line;
            List<String> pieces = IrcLimits.split(text, action ? max - "\u0001ACTION \u0001".length() : max);
            for (String piece : pieces) {
                String body = action ? "\u0001ACTION " + piece + "\u0001" : piece;
                if (!body.isEmpty()) {
                    lines.add(IrcMessage.from(source, command, channel, body));
                }
            }
        }
        return lines;
    }
}
