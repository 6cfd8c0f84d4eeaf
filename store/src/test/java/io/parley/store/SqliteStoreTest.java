package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.Store;
import io.parley.store.contract.StoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite as every store must be ({@link StoreContract}), and what is SQLite's own. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path data;

    @Override
    protected Store open() throws Exception {
        return SqliteStore.open(data);
    }

    @Test
    void theSchemaIsMigratedOnceAndRecordsItsVersion() throws Exception {
        SqliteStore.open(data).close();
        SqliteStore.open(data).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
        }
    }
}
