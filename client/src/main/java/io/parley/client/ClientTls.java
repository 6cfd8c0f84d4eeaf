package io.parley.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a terminal client reaches its server: plaintext, or TLS ({@code --tls}) checking the
 * server's certificate against the system's trust store or the CA certificates of
 * {@code --tls-ca FILE}, and that it names the host dialled (as HTTPS does). A certificate the
 * client cannot trust, or one for another host, is an {@link IOException} whose message says so
 * in one line, with what to do, never a stack trace.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientTls {

    /** Plain TCP, as before {@code --tls}. */
    public static final ClientTls PLAINTEXT = new ClientTls(null, null);

    /** TLS 1.3 and 1.2, as a Parley server speaks them. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    /** The CA file given, for the error that says it did not vouch for the server; null: the system's. */
    private final Path caFile;

    private ClientTls(SSLContext context, Path caFile) {
        this.context = context;
        this.caFile = caFile;
    }

    /**
     * TLS trusting the CA certificates in {@code caFile} (PEM, one or more), or the system's trust
     * store when empty; fails with one line naming the file when it cannot be read or holds none.
     */
    public static ClientTls verifying(Optional<Path> caFile) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile.isPresent() ? trustStore(caFile.get()) : null); // null: the JDK's cacerts
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new ClientTls(context, caFile.orElse(null));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read the CA file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the CA file " + file + ": permission denied");
        }
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            certificates = List.of();
        }
        if (certificates.isEmpty()) {
            throw new IOException("cannot read the CA file " + file + ": no PEM certificate in it (BEGIN CERTIFICATE)");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        return store;
    }

    /** Whether connections speak TLS. */
    public boolean enabled() {
        return context != null;
    }

    /**
     * A connected socket to {@code host:port}, past its TLS handshake when TLS is on (each step
     * waits at most {@code timeoutMs}); on a failure the socket is closed and the exception's
     * message says why in one line.
     */
    public Socket connect(String host, int port, int timeoutMs) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setTcpNoDelay(true);
            if (context == null) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name host
            parameters.setProtocols(PROTOCOLS);
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(timeoutMs);
            try {
                tls.startHandshake();
            } catch (SSLException | SocketTimeoutException e) {
                throw new IOException(TlsFailure.describe(e, host, port, caFile), e);
            }
            tls.setSoTimeout(0);
            return tls;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }
}
