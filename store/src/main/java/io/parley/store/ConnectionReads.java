package io.parley.store;

import java.util.concurrent.CompletableFuture;

/**
 * How a store runs a read on one of its reader connections, never on its writer: what
 * {@link JdbcHistoryPages} needs of the SQLite and the PostgreSQL store alike ({@code store::read}).
 */
@FunctionalInterface
public interface ConnectionReads {
    <T> CompletableFuture<T> read(SqlFunction<T> work);
}
