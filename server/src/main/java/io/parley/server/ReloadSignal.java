package io.parley.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -HUP}: makes {@code parley serve}'s process reload (the TLS certificate and key)
 * instead of ending, as a daemon's SIGHUP conventionally does. Only {@code parley serve} installs
 * it: a test JVM or an embedding program keeps its own SIGHUP. Where the JVM cannot take the
 * signal (not a POSIX system, {@code -Xrs}), says once that {@code POST /reload} is the way.
 *
 * <p>The JVM runs the handler on a thread of its own; the reload itself runs on the server's.
 */
final class ReloadSignal {

    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {}

    /** Reloads {@code server} on each SIGHUP from now on; its outcome is logged by the reload. */
    static void install(ParleyServer server) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                log.info("SIGHUP: reloading");
                server.reload(); // logs what was reloaded, or why not
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            log.info("SIGHUP cannot be handled here ({}); reload with POST /reload on the admin listener",
                    unavailable.toString());
        }
    }
}
