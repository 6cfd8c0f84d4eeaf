package io.parley.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's files are its owner's alone: the database with its {@code -wal} and {@code -shm}
 * files is {@code rw-------}, since they hold password hashes, private messages sent in clear and
 * all history. SQLite creates the WAL and SHM files with the database file's mode, so creating that
 * one narrow covers them; existing ones are narrowed too. A data directory that does not exist yet
 * is created {@code rwx------} ({@link #createDirectory}, wherever it is created). An existing one
 * is left as it is, since it may be the user's own ({@code --data .}, {@code --data ~}): if others
 * may enter it, a warning says so (the files' own mode still keeps their contents private). On a
 * file system without POSIX permissions nothing is changed.
 *
 * <p>Thread-safety: stateless; used at start-up.
 */
public final class StoreFiles {

    private static final Logger log = LoggerFactory.getLogger(StoreFiles.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The files SQLite keeps beside the database in WAL mode. */
    private static final String[] COMPANIONS = {"-wal", "-shm"};

    private StoreFiles() {}

    /**
     * Creates the data directory owner-only; an existing one is not changed, only warned about
     * when others may enter it, and refused with {@link AccessDeniedException} when this user
     * cannot write it.
     */
    static void prepareDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            createDirectory(directory);
            return;
        }
        if (!Files.isWritable(directory)) {
            throw new AccessDeniedException(directory.toString());
        }
        if (posix(directory)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
            if (!DIRECTORY.containsAll(mode)) {
                log.warn("{} is {}: other users may list it (the database files in it are {}); "
                        + "chmod 700 it to close it", directory, PosixFilePermissions.toString(mode),
                        PosixFilePermissions.toString(FILE));
            }
        }
    }

    /**
     * Creates {@code directory} (and any missing parents, with the usual mode) as a data
     * directory: {@code rwx------} from the moment it exists, on a POSIX file system. Does nothing
     * to a directory that exists already.
     */
    public static void createDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (parent == null || !posix(parent)) {
            Files.createDirectories(absolute);
            return;
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(absolute)) {
                return; // made meanwhile by someone else: prepareDirectory judges it
            }
            throw e;
        }
        restrict(absolute, DIRECTORY, false); // the umask may have taken bits away, never added: set exactly
    }

    /** Creates the database file owner-only before SQLite does, or narrows it and its companions. */
    static void prepareDatabase(Path file) throws IOException {
        if (!posix(file.getParent())) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            restrict(file, FILE, false); // the umask may have taken bits away, never added: set exactly
        } catch (FileAlreadyExistsException e) {
            restrict(file, FILE, true);
        }
        for (String companion : COMPANIONS) {
            Path path = file.resolveSibling(file.getFileName() + companion);
            if (Files.exists(path)) {
                restrict(path, FILE, true);
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted, boolean tell) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
        if (!now.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            if (tell) {
                log.warn("{} was {}; made it {} (it holds password hashes and history)", path,
                        PosixFilePermissions.toString(now), PosixFilePermissions.toString(wanted));
            }
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
