package io.parley.store.postgresql;

import io.parley.core.Store;
import io.parley.store.contract.StoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** PostgreSQL as every store must be: the SQLite store's contract, on a fresh database per test. */
class PostgresStoreContractTest extends StoreContract {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Override
    protected Store open() throws Exception {
        return PostgresStore.open(database.url(), "node-a");
    }
}
