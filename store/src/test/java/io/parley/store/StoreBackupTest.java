package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one line a failed {@code VACUUM INTO} becomes. (A real full disk is shown by hand with a
 * small tmpfs, see docs/operations.md; a test cannot mount one.)
 */
class StoreBackupTest {

    private static final Path DATABASE = Path.of("/srv/parley/data/parley.db");
    private static final Path TARGET = Path.of("/backups/.copy.db.123.partial");

    @Test
    void aFullDiskSaysSoAndWhatToDo() {
        String line = StoreBackup.sqliteFailure(new SQLiteException("[SQLITE_FULL] Insertion failed because database is"
                + " full (database or disk is full)", SQLiteErrorCode.SQLITE_FULL), DATABASE, TARGET);

        assertThat(line).isEqualTo("cannot write the backup to /backups: the disk is full; free some space or give"
                + " --out a file on another disk");
    }

    @Test
    void aFailedWriteIsTheSameAdvice() {
        String line = StoreBackup.sqliteFailure(new SQLiteException("[SQLITE_IOERR_WRITE] disk I/O error",
                SQLiteErrorCode.SQLITE_IOERR_WRITE), DATABASE, TARGET);

        assertThat(line).isEqualTo("cannot write the backup to /backups: writing it failed (SQLITE_IOERR_WRITE);"
                + " free some space or give --out a file on another disk");
    }

    @Test
    void aDamagedSourceIsNamed() {
        String line = StoreBackup.sqliteFailure(new SQLiteException("[SQLITE_NOTADB] file is not a database\nmore",
                SQLiteErrorCode.SQLITE_NOTADB), DATABASE, TARGET);

        assertThat(line).isEqualTo("/srv/parley/data/parley.db is not a readable Parley database ([SQLITE_NOTADB]"
                + " file is not a database)");
    }
}
