package io.parley.server;

/**
 * The connection limits a reload can change while the server runs ({@code connection.*}): the
 * one place each new connection's pipeline reads them from as it is built, so a reload
 * ({@link ConfigReload}) reaches every connection opened after it without touching the
 * listeners. Connections already open keep the limits they started with.
 *
 * <p>Thread-safe: one volatile reference, replaced whole, so a connection never sees half of a
 * reload; reading it is the only cost on a connection's start.
 */
final class LiveLimits {

    /**
     * @param policy the per-connection and per-address limits
     * @param maxPendingOutputBytes a connection's outbound cap ({@code connection.max-pending-output-bytes})
     */
    record Limits(ConnectionPolicy policy, int maxPendingOutputBytes) {

        static Limits of(ServerConfig config) {
            return new Limits(config.connections(), config.maxPendingOutputBytes());
        }
    }

    private volatile Limits current;

    LiveLimits(Limits initial) {
        this.current = initial;
    }

    /** The limits a connection opening now lives under. Any thread. */
    Limits get() {
        return current;
    }

    void set(Limits limits) {
        current = limits;
    }
}
