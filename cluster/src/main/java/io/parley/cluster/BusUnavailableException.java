package io.parley.cluster;

/**
 * The NATS server a node was told to use cannot be reached at start-up. Its message is one line
 * naming the URL and the fix, fit to print as it is.
 */
public final class BusUnavailableException extends Exception {

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
