package io.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The hybrid encryption of the handout's {@code pg3lib} (spec: {@code shared/specs/account.md},
 * "Keys and encryption"): {@code base64(RSA-OAEP(fernetKey)) + ";" + base64(fernetToken)}, OAEP
 * with SHA-256 for the hash and MGF1 and no label, standard base64 with padding. The Fernet token
 * is itself base64 text and is base64-encoded a second time, as pg3lib does.
 * Stateless and thread-safe.
 */
public final class Pg3Cipher {

    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private Pg3Cipher() {}

    public static String encrypt(byte[] plaintext, PublicKey key) throws GeneralSecurityException {
        String fernetKey = Fernet.generateKey();
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA256);
        byte[] wrappedKey = rsa.doFinal(fernetKey.getBytes(StandardCharsets.US_ASCII));
        String token = Fernet.encrypt(fernetKey, plaintext);
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(wrappedKey) + ";"
                + base64.encodeToString(token.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] decrypt(String payload, PrivateKey key) throws GeneralSecurityException {
        int separator = payload.indexOf(';');
        if (separator < 0) {
            throw new GeneralSecurityException("an encrypted payload is <key>;<token>");
        }
        byte[] wrappedKey;
        byte[] token;
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            wrappedKey = base64.decode(payload.substring(0, separator).strip());
            token = base64.decode(payload.substring(separator + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("an encrypted payload is base64", e);
        }
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, OAEP_SHA256);
        String fernetKey = new String(rsa.doFinal(wrappedKey), StandardCharsets.US_ASCII);
        return Fernet.decrypt(fernetKey, new String(token, StandardCharsets.US_ASCII));
    }
}
