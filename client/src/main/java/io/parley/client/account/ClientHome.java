package io.parley.client.account;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the account client keeps its files: the user's key pairs ({@code keys/<user>.pem}, so old
 * private messages in the history stay readable), the server keys it has seen
 * ({@code known_servers}) and the copies of the private messages it sent ({@code sent/<user>}).
 * The directory is {@code --home}, else the {@code parley.home} system property, else
 * {@code ~/.parley}.
 *
 * <p>Nothing is written there before a login succeeds ({@link #secure} first): a client pointed
 * at the wrong port leaves no trace. The home and its directories are the owner's only (0700),
 * its files too (0600), like {@code ~/.ssh}: they hold private keys and what was said in private.
 * Immutable and thread-safe.
 */
public final class ClientHome {

    public static final String PROPERTY = "parley.home";

    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    public ClientHome(Path dir) {
        this.dir = dir;
    }

    /** The home that {@code option} (may be null) names, else the property's, else the default. */
    public static ClientHome resolve(Path option) {
        if (option != null) {
            return new ClientHome(option);
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new ClientHome(Path.of(property));
        }
        return new ClientHome(Path.of(System.getProperty("user.home"), ".parley"));
    }

    Path dir() {
        return dir;
    }

    Path knownServers() {
        return dir.resolve("known_servers");
    }

    /** One key pair per user name; names compare case-insensitively, so the file name is lower case. */
    Path keyFile(String username) {
        return dir.resolve("keys").resolve(fileName(username) + ".pem");
    }

    /** The copies of the private messages {@code username} sent, encrypted to its own key. */
    Path sentLog(String username) {
        return dir.resolve("sent").resolve(fileName(username));
    }

    /**
     * Creates the home and its directories for the owner only, and takes group and world access
     * away from what an older client left there (a 0755 home, 0644 files). Only the client's own
     * files are touched: a home given as {@code --home} may be a directory that holds other things
     * (then its own mode is left alone when it is the user's home or not the user's).
     */
    void secure() throws IOException {
        if (!Files.isDirectory(dir)) {
            createPrivateDirectory(dir);
        }
        if (ownedByUs(dir) && !isUserHome(dir)) {
            restrict(dir, OWNER_DIRECTORY);
        }
        if (Files.isRegularFile(knownServers())) {
            restrict(knownServers(), OWNER_FILE);
        }
        for (Path directory : List.of(dir.resolve("keys"), dir.resolve("sent"))) {
            if (!Files.isDirectory(directory)) {
                createPrivateDirectory(directory);
            }
            restrict(directory, OWNER_DIRECTORY);
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path file : entries.filter(Files::isRegularFile).toList()) {
                    restrict(file, OWNER_FILE);
                }
            }
        }
    }

    /** Creates {@code file} empty with mode 0600 if it does not exist. */
    static void createPrivateFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file);
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (POSIX) {
            // The attribute is filtered by the umask; restrict() below sets the exact mode.
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX && !Files.isSymbolicLink(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean ownedByUs(Path path) throws IOException {
        return Files.getOwner(path).getName().equals(System.getProperty("user.name"));
    }

    private static boolean isUserHome(Path path) throws IOException {
        Path userHome = Path.of(System.getProperty("user.home"));
        return Files.exists(userHome) && Files.isSameFile(path, userHome);
    }

    private static String fileName(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
