package io.parley.client.directory;

import java.util.Optional;

/**
 * How the directory client starts.
 *
 * @param host the directory server {@code connect} uses by default
 * @param port its port
 * @param chatName the name messages go under until {@code name} changes it
 * @param multicastInterface the interface to chat on (a name or an address); empty: loopback for
 *     a directory server on a loopback address, else the system's choice
 */
public record DirectoryClientSettings(String host, int port, String chatName, Optional<String> multicastInterface) {

    /** The spec's default directory port. */
    public static final int DEFAULT_PORT = 7712;
}
