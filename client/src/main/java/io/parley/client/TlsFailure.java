package io.parley.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/**
 * Says in one line why a TLS handshake failed, from the JDK's exception, and what to do: an
 * untrusted certificate, one for another host, an expired one, a port that does not speak TLS.
 * Stateless.
 */
final class TlsFailure {

    private TlsFailure() {}

    static String describe(IOException failure, String host, int port, Path caFile) {
        String trustedBy = caFile == null ? "the system's trust store" : "the CA file " + caFile;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CertificateExpiredException) {
                return "the server's TLS certificate has expired (" + message + "); its operator must renew it";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "the server's TLS certificate is not valid yet (" + message + "); check this machine's clock";
            }
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                return "the server's TLS certificate is not for " + host + " (" + message + "); connect with a name"
                        + " the certificate has";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || message.contains("unable to find valid certification path")) {
                return "the server's TLS certificate is not trusted: nothing in " + trustedBy + " vouches for it;"
                        + " give the CA (or the server's self-signed cert.pem) with --tls-ca FILE";
            }
            if (message.contains("Unsupported or unrecognized SSL message")) {
                return "the server at " + host + ":" + port + " did not answer TLS; is it a plaintext port? (drop --tls)";
            }
            if (cause instanceof SocketTimeoutException) {
                return "no TLS handshake from " + host + ":" + port + " in time; is it a TLS port? (without --tls,"
                        + " the client speaks plaintext)";
            }
        }
        return "the TLS handshake with " + host + ":" + port + " failed: " + failure.getMessage();
    }
}
