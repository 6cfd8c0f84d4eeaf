package io.parley.server;

import io.parley.protocol.account.AccountModule;
import io.parley.store.SqliteStore;
import io.parley.store.StoreBackup;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley backup --data DIR --out FILE [--force]}: a consistent copy of the store while the
 * server runs (or not), through {@link StoreBackup}. It never takes the data directory's lock
 * ({@code parley.lock}, which a running server holds): it only reads the database. Errors are one
 * line and exit 1.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the store (DIR/parley.db) to FILE, consistently, while the server runs or not.",
                "The copy is a complete Parley store: to restore it, stop the server, put it in place as"
                        + " DIR/parley.db (with no parley.db-wal or parley.db-shm beside it) and start the server."})
final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The server's data directory (default: data).")
    private Path data = Path.of("data");

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the copy (owner-only); refused if it exists, unless --force.")
    private Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (once the new copy is complete).")
    private boolean force;

    @Override
    public Integer call() throws StartupException {
        StoreBackup.Result result;
        try {
            result = StoreBackup.copy(data, out, force);
        } catch (StoreBackup.BackupException e) {
            throw new StartupException(e.getMessage());
        }
        PrintWriter said = spec.commandLine().getOut();
        said.println("Backed up " + data.resolve(SqliteStore.FILE_NAME) + " to " + result.file()
                + " (" + result.bytes() + " bytes)");
        Path serverKey = data.resolve(AccountModule.SERVER_KEY_FILE);
        if (Files.exists(serverKey)) {
            said.println("Keep a copy of " + serverKey + " too (it does not change): without it a restored server makes"
                    + " a new key, and account clients warn that the server's key changed");
        }
        said.flush();
        return 0;
    }
}
