package io.parley.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.SignalHandler;

/**
 * {@code kill -HUP}: makes {@code parley serve}'s process reload (the TLS certificate and key)
 * instead of ending, as a daemon's SIGHUP conventionally does. Only {@code parley serve} installs
 * it: a test JVM or an embedding program keeps its own SIGHUP. Where the JVM cannot take the
 * signal (not a POSIX system, {@code -Xrs}), says once that {@code POST /reload} is the way; so it
 * does, as a warning, where SIGHUP was ignored when the process started ({@code nohup}): the JVM
 * then keeps it ignored, and refuses any handler of ours, {@code SIG_DFL} included.
 *
 * <p>The JVM runs the handler on a thread of its own; the reload itself runs on the server's.
 */
final class ReloadSignal {

    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    static final String IGNORED = "SIGHUP is ignored in this process (started under nohup?);"
            + " reload with POST /reload on the admin listener";

    private ReloadSignal() {}

    /**
     * Reloads the server on each SIGHUP from now on, once {@code server} has started (a SIGHUP
     * during start-up waits for it); its outcome is logged by the reload.
     */
    static void install(CompletableFuture<ParleyServer> server) {
        try {
            SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"),
                    signal -> reload(() -> server.thenCompose(ParleyServer::reload)));
            warnIfIgnored(previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            log.info("SIGHUP cannot be handled here ({}); reload with POST /reload on the admin listener",
                    unavailable.toString());
        }
    }

    /**
     * Whether the handler was installed, given the one {@link sun.misc.Signal#handle} says was
     * there before: when that is {@code SIG_IGN} the JVM left SIGHUP ignored, and says so here.
     */
    static boolean warnIfIgnored(SignalHandler previous) {
        if (previous == SignalHandler.SIG_IGN) {
            log.warn(IGNORED);
            return false;
        }
        return true;
    }

    /**
     * One signal's reload. The reload logs its outcome, a refusal of the files included; a
     * failure it did not expect would otherwise go unsaid, no one waiting for its answer.
     */
    static CompletionStage<String> reload(Supplier<? extends CompletionStage<String>> reload) {
        log.info("SIGHUP: reloading");
        return reload.get().whenComplete((reloaded, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause != null && !(cause instanceof StartupException)) {
                log.warn("SIGHUP reload failed: {}", cause.toString());
            }
        });
    }
}
