package io.parley.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** JDK TLS client sockets that trust one certificate only, as a client given a self-signed one would. */
final class TlsClients {

    private final SSLContext context;

    private TlsClients(SSLContext context) {
        this.context = context;
    }

    /** Clients that trust {@code certificateFile} (PEM) and nothing else. */
    static TlsClients trusting(Path certificateFile) {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new TlsClients(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An unconnected socket that checks the server's certificate names the address it dials, as
     * HTTPS does, and speaks only {@code protocols} (all the JDK enables when none given).
     */
    Socket socket(String... protocols) {
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
