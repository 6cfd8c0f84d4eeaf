package io.parley.client.account;

import io.parley.core.text.Text;
import io.parley.crypto.Pg3Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/**
 * Makes a private message readable with this user's private key: {@code text} payloads as they
 * are, {@code enc} payloads decrypted (pg3lib format). The result is safe to print. Thread-safe:
 * {@link Pg3Cipher} is stateless and a key is immutable.
 */
final class MessageDecryptor {

    /** Shown for a message encrypted for someone else (the peer's key, not ours). */
    static final String ENCRYPTED = "[encrypted]";
    static final String UNDECRYPTABLE = "[encrypted, cannot be decrypted with your key]";

    private final PrivateKey key;

    MessageDecryptor(PrivateKey key) {
        this.key = key;
    }

    /** The text of a payload in {@code format} ({@code enc} or {@code text}). */
    String readable(String format, String payload) {
        return switch (format) {
            case "text" -> Text.clean(payload, false);
            case "enc" -> decrypt(payload);
            default -> Text.clean("[unknown message format " + format + "]", false);
        };
    }

    private String decrypt(String payload) {
        try {
            return Text.clean(new String(Pg3Cipher.decrypt(payload, key), StandardCharsets.UTF_8), false);
        } catch (GeneralSecurityException e) {
            return UNDECRYPTABLE;
        }
    }
}
