package io.parley.client.directory;

import io.parley.client.ClientTls;
import java.time.Duration;
import java.util.Optional;

/**
 * How the directory client starts.
 *
 * @param host the directory server {@code connect} uses by default
 * @param port its port
 * @param chatName the name messages go under until {@code name} changes it
 * @param multicastInterface the interface to chat on (a name or an address); empty: loopback for
 *     a directory server on a loopback address, else the system's choice
 * @param firstReplyTimeout how long a server may take to answer the first {@code getdir} before
 *     the client says it is not a directory server
 * @param tls how to reach directory servers: plaintext, or TLS ({@code --tls})
 */
public record DirectoryClientSettings(String host, int port, String chatName, Optional<String> multicastInterface,
        Duration firstReplyTimeout, ClientTls tls) {

    /** The spec's default directory port. */
    public static final int DEFAULT_PORT = 7712;
    /** A directory server answers {@code getdir} at once; silence means something else listens there. */
    public static final Duration FIRST_REPLY_TIMEOUT = Duration.ofSeconds(5);

    public DirectoryClientSettings(String host, int port, String chatName, Optional<String> multicastInterface) {
        this(host, port, chatName, multicastInterface, FIRST_REPLY_TIMEOUT, ClientTls.PLAINTEXT);
    }

    public DirectoryClientSettings(String host, int port, String chatName, Optional<String> multicastInterface,
            Duration firstReplyTimeout) {
        this(host, port, chatName, multicastInterface, firstReplyTimeout, ClientTls.PLAINTEXT);
    }
}
