package io.parley.client.account;

import io.parley.crypto.RsaKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;

/**
 * The user's key pair: read from {@code keys/<user>.pem} when it is there, else made in memory
 * and written ({@link #saveIfNew}) only once the login has succeeded, so that a failed login
 * leaves nothing behind. The file is the PKCS#8 PEM that {@link RsaKeys#loadOrCreate} reads, mode
 * 0600. Not thread-safe: the session thread loads and saves; {@link #keys} is immutable.
 */
final class UserKeyPair {

    private final Path file;
    private final KeyPair keys;
    private boolean onDisk;

    private UserKeyPair(Path file, KeyPair keys, boolean onDisk) {
        this.file = file;
        this.keys = keys;
        this.onDisk = onDisk;
    }

    /** The pair in {@code file}, or a fresh one that is not saved yet. */
    static UserKeyPair loadOrGenerate(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return new UserKeyPair(file, RsaKeys.loadOrCreate(file), true); // reads, as it exists
        }
        return new UserKeyPair(file, RsaKeys.generate(), false);
    }

    KeyPair keys() {
        return keys;
    }

    Path file() {
        return file;
    }

    /** Writes a fresh pair (owner-only, whole or not at all); a pair read from the file is left alone. */
    void saveIfNew() throws IOException {
        if (onDisk) {
            return;
        }
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        ClientHome.createPrivateFile(partial);
        Files.writeString(partial, pem, StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        onDisk = true;
    }
}
