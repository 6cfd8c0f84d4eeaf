package io.parley.protocol.line;

import io.parley.core.room.Lobby;
import io.parley.protocol.ConnectionErrors;

/**
 * How a line listener behaves (spec: {@code shared/specs/line.md}).
 *
 * @param room the one room this listener serves
 * @param maxLineBytes the longest line accepted; longer gets a notice and a close
 */
public record LineSettings(String room, int maxLineBytes) {

    public static final String DEFAULT_ROOM = Lobby.NAME;
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024;
    /** The longest name, in characters (the spec's limit). */
    public static final int MAX_NAME_LENGTH = 32;
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "* too many connections from your address\n", "* no name in time\n",
            "* server shutting down\n", "* %s\n");
}
