package io.parley.store;

import io.parley.core.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store's {@link Store#probeWrite}: commits a write in its turn with the writes already queued,
 * and completes once it has, or fails with the reason it did not. While one probe is still
 * queued, callers share it, so a stuck store holds at most one. What is written is the store's
 * own ({@code write}). Thread-safe; never blocks.
 */
public final class JdbcWriteProbe {

    private final JdbcWrites writes;
    private final SqlFunction<?> write;
    /** The probe in the store's queue, if any. */
    private final AtomicReference<CompletableFuture<Void>> pending = new AtomicReference<>();

    public JdbcWriteProbe(JdbcWrites writes, SqlFunction<?> write) {
        this.writes = writes;
        this.write = write;
    }

    public CompletableFuture<Void> probe() {
        while (true) {
            CompletableFuture<Void> queued = pending.get();
            if (queued != null) {
                return queued;
            }
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            if (pending.compareAndSet(null, fresh)) {
                fresh.whenComplete((ignored, failure) -> pending.compareAndSet(fresh, null));
                writes.query(write).whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        fresh.complete(null);
                    } else {
                        fresh.completeExceptionally(failure);
                    }
                });
                return fresh;
            }
        }
    }
}
