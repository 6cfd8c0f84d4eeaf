package io.parley.store;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's reader threads ({@code parley-store-reader}, or {@code parley-store-reader-N} when
 * there are several): reads run there on reader connections, beside the writer, so a long history
 * never delays a message. Reads see what was committed when they run. Thread-safe.
 */
public final class JdbcReaders implements ConnectionReads {

    /** How a reader thread gets a connection for one read: SQLite's one read-only connection, or one of PostgreSQL's pool. */
    public interface Connections {
        <T> T read(SqlFunction<T> work) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(JdbcReaders.class);

    private final Connections connections;
    private final ExecutorService threads;

    public JdbcReaders(int threads, Connections connections) {
        this.connections = connections;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable,
                    threads == 1 ? "parley-store-reader" : "parley-store-reader-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs a read on a reader thread and connection, and completes with its result. */
    @Override
    public <T> CompletableFuture<T> read(SqlFunction<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    result.complete(connections.read(work));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the store is closed"));
        }
        return result;
    }

    /** Takes no more reads; those already taken still run (see {@link #awaitStopped}). */
    public void stop() {
        threads.shutdown();
    }

    /** After {@link #stop}: waits (a while) for the reads taken to finish, before the store closes their connections. */
    public void awaitStopped() {
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("A history read did not finish; closing the store under it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
