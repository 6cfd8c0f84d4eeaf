package io.parley.protocol.web;

/**
 * How the web listener behaves ({@code web.*} in {@code parley.conf}; docs/web.md). Immutable.
 *
 * @param allowedOrigins the pages that may open a WebSocket here
 * @param trustedProxies the peers whose {@code X-Forwarded-For} is believed
 * @param pingIntervalSeconds how often the server pings a WebSocket; one unanswered by the next
 *     ping closes it
 * @param socketProtocol the protocol {@code /socket} speaks: a protocol of the server whose
 *     pipeline starts with a {@link io.parley.protocol.LineFraming}
 */
public record WebSettings(AllowedOrigins allowedOrigins, TrustedProxies trustedProxies, int pingIntervalSeconds,
        String socketProtocol) {}
