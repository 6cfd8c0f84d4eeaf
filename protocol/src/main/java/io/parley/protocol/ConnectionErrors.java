package io.parley.protocol;

/**
 * What a protocol's client is told, in the protocol's own error form, when the server refuses or
 * drops its connection before any request: the bytes to write, line ends included.
 *
 * @param tooManyConnections the client's address has too many connections, or opened too many
 * @param registrationTimeout the client did not register in time
 */
public record ConnectionErrors(String tooManyConnections, String registrationTimeout) {}
