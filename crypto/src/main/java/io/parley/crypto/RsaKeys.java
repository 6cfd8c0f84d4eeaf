package io.parley.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA-2048 key pairs and their text forms: a public key travels as one line, base64 of its PEM
 * SubjectPublicKeyInfo text (as pg3lib sends it); a key pair is kept as a PKCS#8 PEM file that
 * only its owner may read. Stateless and thread-safe.
 */
public final class RsaKeys {

    private RsaKeys() {}

    public static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The one-line wire form: base64 of {@code -----BEGIN PUBLIC KEY----- ...}. */
    public static String toLine(PublicKey key) {
        String pem = pem("PUBLIC KEY", key.getEncoded());
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static PublicKey fromLine(String line) throws GeneralSecurityException {
        String pem;
        try {
            pem = new String(Base64.getDecoder().decode(line.strip()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a public key line is base64", e);
        }
        byte[] der = unpem(pem, "PUBLIC KEY");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** Reads the key pair at {@code file}, creating it (readable by its owner only) if absent. */
    public static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return read(file);
        }
        KeyPair pair = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(partial, file);
        return pair;
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        byte[] der = unpem(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
        PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a PEM body is base64", e);
        }
    }
}
