package io.parley.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley tls}: help with the TLS listeners' certificates. */
@Command(name = "tls", mixinStandardHelpOptions = true, description = "Certificates for the TLS listeners.",
        subcommands = TlsCommand.SelfSigned.class)
final class TlsCommand {

    /**
     * {@code parley tls self-signed --host NAME [--out DIR]}: writes {@code cert.pem} and
     * {@code key.pem} (owner-only) for trying TLS out; never overwrites either.
     */
    @Command(name = "self-signed", mixinStandardHelpOptions = true,
            description = "Write a self-signed certificate (cert.pem) and its key (key.pem, owner-only) for trying TLS"
                    + " out: ECDSA P-256, the host as its name, valid 90 days. Clients must be told to trust cert.pem.")
    static final class SelfSigned implements Callable<Integer> {

        static final String CERTIFICATE_FILE = "cert.pem";
        static final String KEY_FILE = "key.pem";

        @Spec
        private CommandSpec spec;

        @Option(names = "--host", required = true, paramLabel = "NAME",
                description = "The name (or IP address) clients connect to, e.g. chat.example.org or 127.0.0.1.")
        private String host;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write the two files (default: .).")
        private Path out = Path.of(".");

        @Override
        public Integer call() throws StartupException {
            if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '/')) {
                throw new StartupException("--host must be a host name or IP address, not '" + host.strip() + "'");
            }
            Path certificateFile = out.resolve(CERTIFICATE_FILE);
            Path keyFile = out.resolve(KEY_FILE);
            for (Path file : new Path[] {certificateFile, keyFile}) {
                if (Files.exists(file)) {
                    throw new StartupException(file + " already exists; move it away, or give --out another directory");
                }
            }
            SelfSignedCertificate made = SelfSignedCertificate.create(host);
            try {
                Files.createDirectories(out);
                write(keyFile, made.keyPem(), true);
                write(certificateFile, made.certificatePem(), false);
            } catch (FileAlreadyExistsException e) {
                throw new StartupException(e.getFile() + " already exists; move it away, or give --out another directory");
            } catch (IOException e) {
                throw new StartupException("cannot write to " + out + ": " + e.getMessage()
                        + "; give --out a directory you can write to");
            }
            PrintWriter said = spec.commandLine().getOut();
            said.println("Wrote " + certificateFile + " and " + keyFile + " (ECDSA P-256, for " + host + ", valid until "
                    + made.notAfter() + ")");
            said.println("SHA-256 fingerprint " + made.sha256Fingerprint());
            said.println("It is self-signed: clients must be given " + certificateFile + " to trust. Serve with"
                    + " ./parley serve --tls-cert " + certificateFile + " --tls-key " + keyFile + " --tcd-tls 7720");
            said.flush();
            return 0;
        }

        /** Writes a new file; a private one is owner-only from the moment it exists. */
        private static void write(Path file, String text, boolean ownerOnly) throws IOException {
            if (ownerOnly && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (OutputStream stream = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                stream.write(text.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
