package io.parley.client.account;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the account client keeps its files: the user's key pairs ({@code keys/<user>.pem}, so old
 * private messages in the history stay readable) and the server keys it has seen
 * ({@code known_servers}). The directory is {@code --home}, else the {@code parley.home} system
 * property, else {@code ~/.parley}. Immutable and thread-safe.
 */
public final class ClientHome {

    public static final String PROPERTY = "parley.home";

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

    Path knownServers() {
        return dir.resolve("known_servers");
    }

    /** One key pair per user name; names compare case-insensitively, so the file name is lower case. */
    Path keyFile(String username) {
        return dir.resolve("keys").resolve(username.toLowerCase(Locale.ROOT) + ".pem");
    }
}
