package io.parley.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's chat messages that the store has not finished with yet, at most {@link #LIMIT}.
 * A protocol whose chats do not wait for the store (TCD, line) hands each post to
 * {@link #track}; once the window is full, the returned stage makes its
 * {@link OrderedRequestHandler} wait, so the connection is not read until one of its messages is
 * stored (or refused). A poster thus holds at most a few messages of the store's queue, and a
 * stalled store slows it through TCP instead of filling memory.
 *
 * <p>Thread-safety: {@link #track} on the connection's event loop only (one waiter at a time,
 * since the handler waits for it); posts may complete on any thread.
 */
public final class PostWindow {

    /** Messages one connection may have on their way to the store: enough to keep a fast poster busy. */
    public static final int LIMIT = 8;

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CompletableFuture<Void> roomFreed;

    /**
     * Counts {@code post} until it completes (either way). Returns null while the window has
     * room, else a stage that completes once it has room again.
     */
    public CompletionStage<?> track(CompletionStage<?> post) {
        int now = inFlight.incrementAndGet();
        post.whenComplete((ignored, failure) -> {
            if (inFlight.decrementAndGet() < LIMIT) {
                CompletableFuture<Void> waiter = roomFreed;
                if (waiter != null) {
                    waiter.complete(null);
                }
            }
        });
        if (now < LIMIT) {
            return null;
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        roomFreed = waiter;
        if (inFlight.get() < LIMIT) {
            waiter.complete(null); // a post completed before the waiter was visible
        }
        return waiter;
    }
}
