package io.parley.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A consistent copy of a data directory's database, taken with SQLite's {@code VACUUM INTO} on a
 * read-only connection of its own. In WAL mode that read sees one committed state of the whole
 * database while a running server goes on writing (a reader never blocks the writer), so it needs
 * neither the server's data directory lock nor its cooperation, and works just as well with no
 * server running. The copy is written owner-only ({@code rw-------}) to a temporary file beside
 * {@code out}, checked, and only then moved to {@code out}: a failed backup leaves nothing behind.
 *
 * <p>Thread-safety: stateless; each call uses its own connection.
 */
public final class StoreBackup {

    /** How long the copy's read waits for a lock (a WAL recovery by another process) before giving up. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private StoreBackup() {}

    /** What a finished backup wrote: the file and its size. */
    public record Result(Path file, long bytes) {}

    /** A backup that could not be made, with a one-line reason and what to do. */
    public static final class BackupException extends Exception {
        private static final long serialVersionUID = 1L;

        BackupException(String message) {
            super(message);
        }
    }

    /**
     * Copies {@code dataDirectory}'s database to {@code out}. An existing {@code out} is refused
     * unless {@code replace}; then it is replaced in one rename once the new copy is complete.
     */
    public static Result copy(Path dataDirectory, Path out, boolean replace) throws BackupException {
        Path database = dataDirectory.resolve(SqliteStore.FILE_NAME);
        if (!Files.isDirectory(dataDirectory)) {
            throw new BackupException("no data directory " + dataDirectory + "; give --data the server's data directory");
        }
        if (!Files.isRegularFile(database)) {
            throw new BackupException("no Parley store in " + dataDirectory + " (no " + SqliteStore.FILE_NAME
                    + "); give --data the server's data directory");
        }
        if (Files.exists(out) && sameFile(out, database)) {
            throw new BackupException(out + " is the database itself; give --out a file outside the data directory");
        }
        if (Files.exists(out) && !replace) {
            throw new BackupException(out + " already exists; give another --out FILE, or --force to replace it");
        }
        if (Files.isDirectory(out)) {
            throw new BackupException(out + " is a directory; give --out a file name");
        }
        Path absolute = out.toAbsolutePath();
        Path temporary = createOwnerOnly(absolute);
        try {
            requireSameOwner(database, temporary);
            vacuumInto(database, temporary);
            checkCopy(temporary, out);
            move(temporary, absolute, replace);
            return new Result(out, Files.size(absolute));
        } catch (IOException e) {
            throw new BackupException("cannot write the backup " + out + ": " + describe(e));
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // nothing more to do: it is a temporary file named as such
            }
        }
    }

    /** The empty file SQLite writes the copy into: created {@code rw-------}, so the copy never was readable by others. */
    private static Path createOwnerOnly(Path out) throws BackupException {
        Path directory = out.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new BackupException("cannot write the backup " + out + ": no directory " + directory
                    + "; create it first or give --out a file in an existing directory");
        }
        try {
            if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
                Path file = Files.createTempFile(directory, "." + out.getFileName() + ".",
                        ".partial", PosixFilePermissions.asFileAttribute(StoreFiles.FILE));
                Files.setPosixFilePermissions(file, StoreFiles.FILE); // exact, whatever the umask
                return file;
            }
            return Files.createTempFile(directory, "." + out.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw new BackupException("cannot write the backup " + out + ": " + describe(e)
                    + "; give --out a file in a directory you can write");
        }
    }

    /**
     * SQLite's reader creates {@code parley.db-wal} and {@code -shm} beside the database when they
     * are missing (no server running), owned by whoever reads: made by another user (root, say),
     * they would keep the server's own user from opening its store. So only the database's owner
     * backs it up; {@code probe} is a file this process just created, so it has this process's owner.
     */
    private static void requireSameOwner(Path database, Path probe) throws BackupException, IOException {
        UserPrincipal owner = Files.getOwner(database);
        if (!owner.equals(Files.getOwner(probe))) {
            throw new BackupException(database + " belongs to " + owner.getName() + "; run the backup as that user"
                    + " (sudo -u " + owner.getName() + " parley backup ...), so the files SQLite keeps beside it stay"
                    + " the server's");
        }
    }

    private static void vacuumInto(Path database, Path target) throws BackupException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new BackupException(sqliteFailure(e, database, target));
        }
    }

    /** Opens the copy on its own and has SQLite check it, so a backup that says it worked can be restored. */
    private static void checkCopy(Path copy, Path out) throws BackupException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = rows.next() ? rows.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new BackupException("the backup " + out + " did not pass SQLite's check (" + verdict
                        + "); it was not kept");
            }
        } catch (SQLException e) {
            throw new BackupException("the backup " + out + " could not be checked (" + firstLine(e.getMessage())
                    + "); it was not kept");
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException, BackupException {
        try {
            if (replace) {
                try {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(from, to);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BackupException(to + " appeared while the backup ran; give another --out FILE, or --force to"
                    + " replace it");
        }
    }

    /** One line for a failed {@code VACUUM INTO}: the disk, the source, or something else SQLite said. */
    static String sqliteFailure(SQLException e, Path database, Path target) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        String name = code == null ? "" : code.name();
        if (name.equals("SQLITE_FULL") || name.equals("SQLITE_IOERR_WRITE") || name.equals("SQLITE_IOERR_FSYNC")) {
            String why = name.equals("SQLITE_FULL") ? "the disk is full" : "writing it failed (" + name + ")";
            return "cannot write the backup to " + target.getParent() + ": " + why
                    + "; free some space or give --out a file on another disk";
        }
        if (name.startsWith("SQLITE_NOTADB") || name.startsWith("SQLITE_CORRUPT")) {
            return database + " is not a readable Parley database (" + firstLine(e.getMessage()) + ")";
        }
        if (name.startsWith("SQLITE_BUSY")) {
            return database + " stayed locked for " + BUSY_TIMEOUT_MS / 1000 + " s (" + firstLine(e.getMessage())
                    + "); try again";
        }
        if (name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_READONLY") || name.startsWith("SQLITE_PERM")) {
            return "cannot read " + database + " (" + firstLine(e.getMessage())
                    + "); run the backup as the user the server runs as";
        }
        return "the backup of " + database + " failed: " + firstLine(e.getMessage());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
