package io.parley.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The server side of TLS for every {@code --<protocol>-tls} listener: the certificate chain and
 * key of {@code --tls-cert} and {@code --tls-key}, read and checked (at start-up and on each
 * reload, see {@link ServerTls}), and the policy (TLS 1.3 and 1.2 only, AEAD ciphers with forward
 * secrecy only).
 *
 * <p>Stateless; the {@link SslContext} it makes is thread-safe and makes one engine per
 * connection.
 */
final class TlsContext {

    /** How long a client has to finish its handshake; a client that says nothing is closed then. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** TLS 1.3's suites, then TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305: no CBC, no RSA key exchange. */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** How far ahead of its expiry a certificate is warned about at start-up. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);
    /** What to do about an expiring certificate: no restart needed (see {@link ServerTls#reload}). */
    private static final String RENEW = "renew it and reload (kill -HUP, or POST /reload on the admin listener)";
    private static final Pattern PKCS8_PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final String CERT_FIX = "give --tls-cert (tls.certificate) a PEM certificate chain, server first,"
            + " or make one with ./parley tls self-signed --host NAME";
    private static final String KEY_FIX = "give --tls-key (tls.key) the certificate's unencrypted PKCS#8 PEM key"
            + " (BEGIN PRIVATE KEY)";

    private TlsContext() {}

    /** A server context presenting {@code certificateFile}'s chain with {@code keyFile}'s key. */
    static SslContext load(Path certificateFile, Path keyFile) throws StartupException {
        return read(certificateFile, keyFile).context();
    }

    /**
     * What one reading of the certificate and key gave: the context new connections use, and the
     * server's certificate (the chain's first), for its dates and fingerprint. Immutable.
     */
    record Identity(SslContext context, X509Certificate certificate) {

        /** The certificate's SHA-256 fingerprint, colon-separated hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
        String fingerprint() {
            return sha256Fingerprint(certificate);
        }
    }

    /**
     * Reads and checks {@code certificateFile}'s chain and {@code keyFile}'s key, or fails in one
     * line naming the file, the problem and the fix. Blocks on the files: not on an event loop.
     */
    static Identity read(Path certificateFile, Path keyFile) throws StartupException {
        X509Certificate[] chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        if (!belongTogether(key, chain[0])) {
            throw new StartupException("the TLS key " + keyFile + " is not the key of the certificate "
                    + certificateFile + "; " + KEY_FIX);
        }
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
            return new Identity(context, chain[0]);
        } catch (SSLException | IllegalArgumentException e) {
            throw new StartupException("cannot use the TLS certificate " + certificateFile + " with the key " + keyFile
                    + ": " + e.getMessage() + "; " + CERT_FIX);
        }
    }

    /** {@code certificate}'s SHA-256 fingerprint, colon-separated upper-case hex. */
    static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * What to tell the operator about {@code certificate}'s dates (at start-up, on a reload and
     * daily): expired, not yet valid, or expiring within {@link #EXPIRY_WARNING}; empty when none
     * of those.
     */
    static Optional<String> expiryWarning(X509Certificate certificate, Path file, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            return Optional.of("the TLS certificate " + file + " expired at " + notAfter
                    + "; clients will refuse it: " + RENEW);
        }
        if (now.isBefore(notBefore)) {
            return Optional.of("the TLS certificate " + file + " is not valid before " + notBefore
                    + "; clients will refuse it until then: check this machine's clock");
        }
        if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            return Optional.of("the TLS certificate " + file + " expires at " + notAfter + ", in "
                    + Duration.between(now, notAfter).toDays() + " days; " + RENEW);
        }
        return Optional.empty();
    }

    private static X509Certificate[] readChain(Path file) throws StartupException {
        byte[] bytes = read(file, "certificate", CERT_FIX);
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            certificates = List.of();
        }
        if (certificates.isEmpty()) {
            throw new StartupException("cannot read the TLS certificate " + file + ": no PEM certificate in it (BEGIN"
                    + " CERTIFICATE); " + CERT_FIX);
        }
        return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static PrivateKey readKey(Path file) throws StartupException {
        String text = new String(read(file, "key", KEY_FIX), StandardCharsets.US_ASCII);
        Matcher pem = PKCS8_PEM.matcher(text);
        if (!pem.find()) {
            String what = text.contains("ENCRYPTED PRIVATE KEY") ? "the key is encrypted"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
                            ? "the key is in the older PKCS#1/SEC1 form; convert it with openssl pkcs8 -topk8 -nocrypt -in "
                                    + file
                            : "no PEM private key in it (BEGIN PRIVATE KEY)";
            throw new StartupException("cannot read the TLS key " + file + ": " + what + "; " + KEY_FIX);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(1));
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot read the TLS key " + file + ": its PEM is not valid base64; " + KEY_FIX);
        }
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new StartupException("cannot read the TLS key " + file + ": not an EC, RSA or Ed25519 key; " + KEY_FIX);
    }

    private static byte[] read(Path file, String what, String fix) throws StartupException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StartupException("cannot read the TLS " + what + " " + file + ": no such file; " + fix);
        } catch (AccessDeniedException e) {
            throw new StartupException("cannot read the TLS " + what + " " + file + ": permission denied; " + fix);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new StartupException("cannot read the TLS " + what + " " + file + ": " + reason + "; " + fix);
        }
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "parley-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key with an RSA certificate
        }
    }
}
