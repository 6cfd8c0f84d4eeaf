package io.parley.client.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who logs in where: the server's host and port and the user's name. Immutable.
 *
 * @param host the server's host name or address
 * @param port the server's account port
 * @param username the account's name
 */
public record AccountTarget(String host, int port, String username) {

    /**
     * Spec: user names are 1-32 characters, letters, digits, {@code -}, {@code _}, {@code .}; the
     * server reads "letters" as ASCII, so a name it would refuse is refused here, before any key.
     */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** Why {@code username} is not a user name, or empty if it is (it also names a key file). */
    public static Optional<String> usernameProblem(String username) {
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("a user name is 1-32 ASCII letters, digits, '-', '_' or '.'");
    }

    /** The server as {@code known_servers} names it: {@code host:port}, host in lower case. */
    String server() {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
