package io.parley.server;

import io.parley.protocol.RequestLimits;

/**
 * The limits every connection lives under, whatever its protocol (documented in
 * {@code parley.conf} and {@code docs/limits.md}).
 *
 * @param maxPerAddress connections open at once from one address (0: no cap)
 * @param maxNewPerAddress new connections from one address per window (0: no cap)
 * @param newWindowSeconds that window
 * @param registrationTimeoutSeconds how long a connection may take to register
 * @param unwritableTimeoutSeconds how long a connection's output may stay past its cap
 * @param requests how fast a connection may send requests
 * @param keepAliveIdleSeconds how long a connection may be silent before TCP keepalive starts
 *     probing its peer (one vanished without a FIN is closed some minutes later)
 */
public record ConnectionPolicy(
        int maxPerAddress,
        int maxNewPerAddress,
        int newWindowSeconds,
        int registrationTimeoutSeconds,
        int unwritableTimeoutSeconds,
        RequestLimits requests,
        int keepAliveIdleSeconds) {}
