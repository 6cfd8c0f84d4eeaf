package io.parley.client.account;

/**
 * Reading the user's input stopped: end of input (Ctrl-D), Ctrl-C, or an interrupt of the session
 * thread, which is how the connection's reader thread wakes it when the server ends the session.
 * Whoever catches it asks the connection whether the session ended to tell the two apart.
 */
final class InputClosed extends Exception {

    InputClosed() {
        super("input closed");
    }
}
