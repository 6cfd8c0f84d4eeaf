package io.parley.protocol.tcd;

import io.parley.protocol.ConnectionErrors;

/**
 * How a TCD listener behaves.
 *
 * @param studentId what {@code HELO} answers as {@code StudentID}
 * @param maxRequestBytes the longest request (all its lines) accepted; longer gets error 5 and a close
 * @param maxMessageLines the most lines a CHAT's MESSAGE may have; more gets error 12 and is not
 *     relayed. Line and account members get one line (with the author's name) per line, so a
 *     message's lines also count against the connection's request rate.
 * @param killAllowed whether {@code KILL_SERVICE} stops the server (otherwise error 6)
 * @param killService what stops the server; must not block the calling event loop
 */
public record TcdSettings(String studentId, int maxRequestBytes, int maxMessageLines, boolean killAllowed,
        Runnable killService) {

    public static final String DEFAULT_STUDENT_ID = "parley";
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_LINES = 100;

    /** Settings with the default limit of lines per message. */
    public TcdSettings(String studentId, int maxRequestBytes, boolean killAllowed, Runnable killService) {
        this(studentId, maxRequestBytes, DEFAULT_MAX_MESSAGE_LINES, killAllowed, killService);
    }
    /**
     * Ours, beyond the spec: ERROR_CODE 9 refuses a connection, 10 drops one that never spoke,
     * 11 says the server is stopping (never to the connection whose KILL_SERVICE stops it), 15 that an
     * IRC channel operator removed the user from a room (KICK; the connection is then closed).
     */
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "ERROR_CODE: 9\nERROR_DESCRIPTION: too many connections from your address\n",
            "ERROR_CODE: 10\nERROR_DESCRIPTION: no request in time\n",
            "ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n",
            "ERROR_CODE: 15\nERROR_DESCRIPTION: %s\n");
}
