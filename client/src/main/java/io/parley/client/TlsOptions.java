package io.parley.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --tls} and {@code --tls-ca FILE} options every terminal client takes (a picocli
 * mixin). Filled by picocli on the command's thread, read once.
 */
public final class TlsOptions {

    @Option(names = "--tls", description = "Connect with TLS (to a server's --<protocol>-tls port), checking its"
            + " certificate against the system's trust store, or --tls-ca, and that it names HOST.")
    private boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "Trust the CA certificates in FILE (PEM) instead of"
            + " the system's, e.g. a server's self-signed cert.pem; implies --tls.")
    private Path caFile;

    /** How to connect: plaintext unless {@code --tls} or {@code --tls-ca}; fails in one line on an unreadable CA file. */
    public ClientTls clientTls() throws IOException {
        return tls || caFile != null ? ClientTls.verifying(Optional.ofNullable(caFile)) : ClientTls.PLAINTEXT;
    }
}
