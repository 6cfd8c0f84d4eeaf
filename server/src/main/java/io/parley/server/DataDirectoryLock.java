package io.parley.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive claim of one server on its data directory: an OS file lock on {@code parley.lock}
 * in it, which records the holder's pid. Two servers on one store each cache ids and would break
 * each other's writes, so a server takes this before it writes anything else there. The OS drops
 * the lock when the process dies, even by {@code kill -9}; the file itself stays.
 *
 * <p>Thread-safe. Within one JVM (tests run several servers) a set of held directories answers
 * first: closing a second channel on the lock file would release this process's lock.
 */
final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    static final String FILE_NAME = "parley.lock";

    private static final Set<Path> heldInThisJvm = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;

    private DataDirectoryLock(Path directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /**
     * Creates {@code directory} if needed and locks it, or fails with a one-line reason: another
     * server holds it, or it is not a directory this process can write.
     */
    static DataDirectoryLock acquire(Path directory) throws StartupException {
        Path real = createAndResolve(directory);
        if (!heldInThisJvm.add(real)) {
            throw inUse(directory, Long.toString(ProcessHandle.current().pid()));
        }
        try {
            FileChannel channel = FileChannel.open(real.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM through another channel: in use all the same
            } catch (IOException e) {
                channel.close();
                throw unusable(directory, "it cannot be locked (" + describe(e) + ")");
            }
            if (lock == null) {
                String holder = readPid(channel);
                channel.close();
                throw inUse(directory, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirectoryLock(real, channel);
        } catch (IOException e) {
            heldInThisJvm.remove(real);
            throw unusable(directory, describe(e));
        } catch (StartupException e) {
            heldInThisJvm.remove(real);
            throw e;
        }
    }

    private static Path createAndResolve(Path directory) throws StartupException {
        try {
            Stores.createDataDirectory(directory); // owner-only from the start: it will hold the store
            return directory.toRealPath();
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw unusable(directory, "it is not a directory");
        } catch (IOException e) {
            throw unusable(directory, describe(e));
        }
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static StartupException inUse(Path directory, String pid) {
        return new StartupException(Stores.file(directory) + " is in use by another Parley (pid "
                + pid + "); use --data DIR");
    }

    private static StartupException unusable(Path directory, String why) {
        return new StartupException("cannot use data directory " + directory + ": " + why
                + "; use --data DIR with a directory this user can write");
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason().toLowerCase(Locale.ROOT)
                    : "it cannot be created or opened";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Releases the lock; the file stays, so a waiting server never locks a deleted file. */
    @Override
    public void close() {
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            // the process still exits or moves on; the OS drops the lock with the descriptor
        } finally {
            heldInThisJvm.remove(directory);
        }
    }
}
