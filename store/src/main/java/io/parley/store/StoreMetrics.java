package io.parley.store;

/**
 * What the store counts for the server's metrics: a port, so that the store knows no metrics
 * library. Called on the store thread once per transaction; implementations are thread-safe and
 * must not block.
 */
public interface StoreMetrics {

    /** Counts nothing. */
    StoreMetrics NONE = new StoreMetrics() {};

    /** A transaction of {@code tasks} tasks committed, {@code nanos} after it began. */
    default void committed(int tasks, long nanos) {}

    /** A transaction of {@code tasks} tasks failed (each is then told so, or retried alone). */
    default void failed(int tasks) {}
}
