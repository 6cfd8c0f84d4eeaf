package io.parley.protocol.tcd;

import io.parley.protocol.ConnectionErrors;

/**
 * How a TCD listener behaves.
 *
 * @param studentId what {@code HELO} answers as {@code StudentID}
 * @param maxRequestBytes the longest request (all its lines) accepted; longer gets error 5 and a close
 * @param killAllowed whether {@code KILL_SERVICE} stops the server (otherwise error 6)
 * @param killService what stops the server; must not block the calling event loop
 */
public record TcdSettings(String studentId, int maxRequestBytes, boolean killAllowed, Runnable killService) {

    public static final String DEFAULT_STUDENT_ID = "parley";
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    /**
     * Ours, beyond the spec: ERROR_CODE 9 refuses a connection, 10 drops one that never spoke,
     * 11 says the server is stopping (never to the connection whose KILL_SERVICE stops it).
     */
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "ERROR_CODE: 9\nERROR_DESCRIPTION: too many connections from your address\n",
            "ERROR_CODE: 10\nERROR_DESCRIPTION: no request in time\n",
            "ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n");
}
