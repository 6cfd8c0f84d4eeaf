package io.parley.protocol;

/**
 * A protocol could not be set up for a reason its operator can fix (e.g. the account protocol's
 * server key cannot be read). Its message is the whole story in one line, the cause and the fix;
 * the server prints it as it prints its own start-up errors.
 */
public final class ProtocolStartException extends Exception {

    public ProtocolStartException(String message) {
        super(message, null, false, false);
    }
}
