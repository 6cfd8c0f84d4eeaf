package io.parley.protocol;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * What a connection's handlers count for the server's metrics (messages in and out, slow readers,
 * floods, logins): a port, so that protocols know no metrics library. The server sets one per
 * protocol on each channel ({@link #KEY}); a handler looks it up once, when the connection
 * starts, and a channel without one counts nothing ({@link #NONE}).
 *
 * <p>Implementations are thread-safe and cheap enough to call per message on an event loop: an
 * increment of a counter resolved in advance, no allocation, no look-up.
 */
public interface ConnectionMetrics {

    AttributeKey<ConnectionMetrics> KEY = AttributeKey.valueOf(ConnectionMetrics.class, "metrics");

    /** Counts nothing. */
    ConnectionMetrics NONE = new ConnectionMetrics() {};

    /** The connection sent a chat message (to a room, or a private one), stored or not. */
    default void messageReceived() {}

    /** A chat message (a room's, or a private one) was written to the connection. */
    default void messageDelivered() {}

    /** The connection was disconnected because its output stayed past its cap. */
    default void slowReaderDisconnected() {}

    /** Reads were paused because the connection went over its request rate. */
    default void throttled() {}

    /** The connection was disconnected because its requests piled up past the limit. */
    default void floodDisconnected() {}

    /** A login (or a registration, which logs in) succeeded. */
    default void loginSucceeded() {}

    /** A login failed: a wrong password. */
    default void loginFailed() {}

    /** A login was refused unchecked: too many wrong passwords for the account or the address. */
    default void loginThrottled() {}

    /** The channel's metrics, or {@link #NONE}. */
    static ConnectionMetrics of(Channel channel) {
        ConnectionMetrics metrics = channel.attr(KEY).get();
        return metrics != null ? metrics : NONE;
    }
}
