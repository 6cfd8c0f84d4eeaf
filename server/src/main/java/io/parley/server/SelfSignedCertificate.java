package io.parley.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.IPAddress;

/**
 * A self-signed server certificate for trying TLS out: an ECDSA P-256 key, the host as subject
 * (CN) and as the one subject alternative name (DNS name, or IP address for a literal), valid
 * for {@link #VALIDITY} from a minute ago, usable only for TLS server authentication.
 *
 * <p>The structure is built with BouncyCastle's ASN.1 classes (bcprov, already a dependency)
 * and signed with the JDK's own ECDSA, so no hand-written DER. Immutable.
 *
 * @param certificatePem the certificate, PEM ({@code BEGIN CERTIFICATE})
 * @param keyPem its private key, unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param notAfter when it expires
 * @param sha256Fingerprint the certificate's SHA-256 fingerprint, colon-separated hex, as
 *     {@code openssl x509 -fingerprint -sha256} prints it
 */
record SelfSignedCertificate(String certificatePem, String keyPem, Instant notAfter, String sha256Fingerprint) {

    static final Duration VALIDITY = Duration.ofDays(90);

    /** A new key and certificate for {@code host} (a DNS name or an IP address literal). */
    static SelfSignedCertificate create(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant notBefore = Instant.now().minus(Duration.ofMinutes(1)); // a client's clock a little behind
            Instant notAfter = notBefore.plus(VALIDITY);
            AlgorithmIdentifier ecdsaWithSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();

            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE)));
            tbs.setSignature(ecdsaWithSha256);
            tbs.setIssuer(name);
            tbs.setSubject(name);
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            boolean literal = IPAddress.isValid(host);
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(literal ? GeneralName.iPAddress : GeneralName.dNSName, host)));
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            tbs.setExtensions(extensions.generate());
            TBSCertificate toBeSigned = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(toBeSigned.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(toBeSigned);
            certificate.add(ecdsaWithSha256);
            certificate.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);

            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            return new SelfSignedCertificate(pem("CERTIFICATE", der), pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                    notAfter, fingerprint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make ECDSA P-256 keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // encoding to memory does not fail
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
