package io.parley.server;

/**
 * The server could not start for a reason its operator can fix: a port in use, a bad setting, a
 * data directory held by another server. Its message is the whole story in one line (the cause
 * and the fix), printed on its own without a stack trace; see {@link Main}.
 */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message, null, false, false);
    }
}
