package io.parley.protocol;

import io.netty.util.AttributeKey;

/**
 * What a protocol's client is told, in the protocol's own error form, when the server refuses,
 * drops or leaves its connection for reasons of its own: the bytes to write, line ends included.
 * The server sets a listener's on each channel ({@link #KEY}).
 *
 * @param tooManyConnections the client's address has too many connections, or opened too many
 * @param registrationTimeout the client did not register in time
 * @param shuttingDown the server is stopping
 */
public record ConnectionErrors(String tooManyConnections, String registrationTimeout, String shuttingDown) {

    public static final AttributeKey<ConnectionErrors> KEY = AttributeKey.valueOf(ConnectionErrors.class, "errors");
}
