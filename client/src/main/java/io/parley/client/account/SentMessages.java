package io.parley.client.account;

import io.parley.crypto.Pg3Cipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sender's own copy of each encrypted private message it sent, so that its history shows
 * what it wrote instead of {@code [encrypted]}: the server holds only the ciphertext for the
 * receiver, which the sender cannot decrypt.
 *
 * <p>Why on the client: the spec's PM carries one ciphertext, relayed and stored as it came, and
 * pg3lib clients must read it unchanged, so a second ciphertext in the frame would need the
 * server to take apart what it treats as opaque. Here nothing on the wire changes and the server
 * never sees the copy. The copy is as local as the key pair that reads received messages: both
 * live under the client's home.
 *
 * <p>One line per message in {@code sent/<user>} (mode 0600): the SHA-256 of the payload as
 * sent (the ciphertext that {@code CH} returns, so the copy is found by the message itself), a
 * space, and the text encrypted to the sender's own key (pg3lib format). Appends are whole lines.
 * Thread-safe: each call opens the file afresh.
 */
final class SentMessages {

    private final Path file;
    private final PublicKey ownKey;

    SentMessages(Path file, PublicKey ownKey) {
        this.file = file;
        this.ownKey = ownKey;
    }

    /** Keeps {@code text}, which was sent as {@code payload}, encrypted to the sender's key. */
    void keep(String payload, String text) throws IOException, GeneralSecurityException {
        String line = digest(payload) + " " + Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), ownKey) + "\n";
        if (!Files.exists(file)) {
            ClientHome.createPrivateFile(file);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The copies kept so far, for looking up with {@link #copyOf}; empty if there are none. */
    Map<String, String> load() throws IOException {
        Map<String, String> copies = new HashMap<>();
        if (!Files.exists(file)) {
            return copies;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0) {
                copies.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return copies;
    }

    /** The copy of the message sent as {@code payload} (encrypted to the sender), among {@code copies}. */
    static Optional<String> copyOf(Map<String, String> copies, String payload) {
        return Optional.ofNullable(copies.get(digest(payload)));
    }

    private static String digest(String payload) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
