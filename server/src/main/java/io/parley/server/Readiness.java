package io.parley.server;

import io.parley.core.Store;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether the server can serve now, for {@code /readyz}: it is not stopping, every listener is
 * bound, and the store commits a write within {@link #STORE_TIMEOUT_MS}. The answer is empty when
 * ready, else one line saying what is not.
 *
 * <p>Thread-safe; {@link #check} never blocks: the store's answer completes the stage later.
 */
final class Readiness {

    /**
     * How long the store may take to commit the probe: well under a load balancer's usual probe
     * timeout (1 s to 10 s), and far over a healthy commit's few milliseconds.
     */
    static final long STORE_TIMEOUT_MS = 1000;

    private final List<Listener> listeners;
    private final Store store;
    private final BooleanSupplier busUp;
    private final BooleanSupplier stopping;

    Readiness(List<Listener> listeners, Store store, BooleanSupplier stopping) {
        this(listeners, store, () -> true, stopping);
    }

    /** As above, for a node whose bus ({@code busUp}) may be down: then it is not ready either. */
    Readiness(List<Listener> listeners, Store store, BooleanSupplier busUp, BooleanSupplier stopping) {
        this.listeners = List.copyOf(listeners);
        this.store = store;
        this.busUp = busUp;
        this.stopping = stopping;
    }

    /** Completes with what keeps the server from being ready, or empty when it is ready. */
    CompletionStage<Optional<String>> check() {
        if (stopping.getAsBoolean()) {
            return CompletableFuture.completedFuture(Optional.of("stopping"));
        }
        for (Listener listener : listeners) {
            if (!listener.channel.isActive()) {
                return CompletableFuture.completedFuture(Optional.of("the " + listener.name()
                        + " listener is not bound"));
            }
        }
        if (!busUp.getAsBoolean()) {
            return CompletableFuture.completedFuture(Optional.of("the cluster bus is unreachable"));
        }
        // A copy, so that this caller's timeout does not fail the probe others share.
        return store.probeWrite().copy().orTimeout(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .handle((committed, failure) -> failure == null ? Optional.empty() : Optional.of(storeProblem(failure)));
    }

    private static String storeProblem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "the store did not commit a write within " + STORE_TIMEOUT_MS + " ms";
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "the store cannot write: " + reason.replaceAll("\\s+", " ").strip();
    }
}
