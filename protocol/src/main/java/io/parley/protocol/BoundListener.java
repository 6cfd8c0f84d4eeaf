package io.parley.protocol;

/**
 * A listener that is bound and accepting, as its status line describes it.
 *
 * @param port the port it is bound to
 * @param where {@code port 7710 (all interfaces)} or {@code port 7710 (127.0.0.1)}
 * @param tls whether connections speak TLS first
 * @param qualifier what it serves ({@link ExtraListener#qualifier}), or null
 */
public record BoundListener(int port, String where, boolean tls, String qualifier) {

    /** {@code " (TLS)"} after the protocol's title for a TLS listener, else empty. */
    public String over() {
        return tls ? " (TLS)" : "";
    }
}
