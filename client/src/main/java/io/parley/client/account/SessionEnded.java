package io.parley.client.account;

/**
 * The session cannot go on: the server closed it or replaced it, the login failed, or the user
 * refused a changed server key. The message is what the user is told before the client exits
 * with a failure status.
 */
final class SessionEnded extends Exception {

    SessionEnded(String message) {
        super(message);
    }
}
