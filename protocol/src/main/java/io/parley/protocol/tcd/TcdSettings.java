package io.parley.protocol.tcd;

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
}
