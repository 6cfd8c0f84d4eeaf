package io.parley.protocol;

/**
 * What the server itself says to a connection when it refuses, drops or leaves it for reasons
 * of its own, as opposed to answering a request. The server writes one down the connection's
 * pipeline as a value, knowing neither the protocol nor the transport; the protocol's
 * {@link NoticeEncoder} renders it in the protocol's own error form ({@link ConnectionErrors}).
 * Immutable.
 */
public enum ServerNotice {
    /** The client's address has too many connections, or opened too many too fast. */
    TOO_MANY_CONNECTIONS,
    /** The client did not register (name, login, first command) in time. */
    REGISTRATION_TIMEOUT,
    /** A request/response client sent nothing for the idle timeout. */
    IDLE_TIMEOUT,
    /** The server is stopping. */
    SHUTTING_DOWN
}
