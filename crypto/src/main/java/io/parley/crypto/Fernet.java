package io.parley.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet symmetric tokens, as the published spec defines them (github.com/fernet/spec): a key is
 * 32 random bytes in url-safe base64 (signing key, then encryption key); a token is
 * {@code 0x80 | timestamp | IV | AES-128-CBC(PKCS7) ciphertext | HMAC-SHA256} in url-safe base64.
 * Stateless and thread-safe.
 */
public final class Fernet {

    private static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int HMAC_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fernet() {}

    /** A fresh key: 32 random bytes, url-safe base64 with padding (44 characters). */
    public static String generateKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().encodeToString(key);
    }

    public static String encrypt(String key, byte[] plaintext) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return encrypt(key, plaintext, Instant.now(), iv);
    }

    /** Encryption with a given time and IV: for the spec's test vectors only. */
    static String encrypt(String key, byte[] plaintext, Instant time, byte[] iv) throws GeneralSecurityException {
        byte[][] keys = split(key);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys[1], "AES"), new IvParameterSpec(iv));
        byte[] ciphertext = aes.doFinal(plaintext);
        ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + HMAC_LENGTH);
        token.put(VERSION).putLong(time.getEpochSecond()).put(iv).put(ciphertext);
        token.put(hmac(keys[0], token.array(), token.position()));
        return Base64.getUrlEncoder().encodeToString(token.array());
    }

    /** The plaintext of a token; fails if it was not made with this key or was altered. */
    public static byte[] decrypt(String key, String token) throws GeneralSecurityException {
        byte[][] keys = split(key);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a Fernet token is url-safe base64", e);
        }
        if (bytes.length < HEADER + 16 + HMAC_LENGTH || bytes[0] != VERSION) {
            throw new GeneralSecurityException("not a Fernet token");
        }
        int signed = bytes.length - HMAC_LENGTH;
        byte[] expected = hmac(keys[0], bytes, signed);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, signed, bytes.length))) {
            throw new GeneralSecurityException("the Fernet token's signature does not match");
        }
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys[1], "AES"), new IvParameterSpec(bytes, 9, 16));
        return aes.doFinal(bytes, HEADER, signed - HEADER);
    }

    private static byte[][] split(String key) throws GeneralSecurityException {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a Fernet key is url-safe base64", e);
        }
        if (raw.length != 32) {
            throw new GeneralSecurityException("a Fernet key is 32 bytes");
        }
        return new byte[][] {Arrays.copyOfRange(raw, 0, 16), Arrays.copyOfRange(raw, 16, 32)};
    }

    private static byte[] hmac(byte[] signingKey, byte[] data, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
        mac.update(data, 0, length);
        return mac.doFinal();
    }
}
