package io.parley.client.account;

import io.parley.crypto.RsaKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Trust on first use for the key a server sends after {@code USER}: the first key seen for a
 * {@code host:port} is remembered in {@link KnownServers}; the same key later passes quietly; a
 * different key prints a loud warning and the password is sent only if the user types
 * {@code yes} (or {@code --trust-changed-server-key} was given), after which the new key is
 * remembered. A key is remembered ({@link #rememberTrusted}) only once the login has succeeded,
 * so a wrong port or a failed login writes nothing. Keys compare by their DER bytes, so a
 * different text form of the same key is the same key. Session thread only.
 */
final class ServerKeyCheck {

    static final String CONFIRM = "Type yes to trust the new key and send your password, anything else to quit: ";

    private final KnownServers known;
    private final Screen screen;
    private final boolean trustChangedKey;
    /** The server and key line that {@link #verify} trusted and that are not remembered yet. */
    private Pin toRemember;

    private record Pin(String server, String keyLine) {}

    ServerKeyCheck(KnownServers known, Screen screen, boolean trustChangedKey) {
        this.known = known;
        this.screen = screen;
        this.trustChangedKey = trustChangedKey;
    }

    /** The server's key, once it is trusted; fails if it is unusable or the user refuses it. */
    PublicKey verify(String server, String keyLine) throws SessionEnded, InputClosed {
        PublicKey offered;
        try {
            offered = RsaKeys.fromLine(keyLine);
        } catch (GeneralSecurityException e) {
            throw new SessionEnded("The server sent a key that cannot be used (" + e.getMessage() + "); not logging in.");
        }
        try {
            Optional<String> pinned = known.pinned(server);
            if (pinned.isEmpty()) {
                toRemember = new Pin(server, keyLine);
                screen.print("First connection to " + server + ": its key is " + fingerprint(offered)
                        + "; it is remembered once you are logged in.");
            } else if (!sameKey(pinned.get(), offered)) {
                confirmChange(server, pinned.get(), offered);
                toRemember = new Pin(server, keyLine);
            }
        } catch (IOException e) {
            throw new SessionEnded("Cannot read or update the known server keys: " + e.getMessage());
        }
        return offered;
    }

    /** Remembers the key {@link #verify} trusted, if it was new or changed: call once logged in. */
    void rememberTrusted() throws IOException {
        if (toRemember != null) {
            known.pin(toRemember.server(), toRemember.keyLine());
            toRemember = null;
        }
    }

    private void confirmChange(String server, String pinnedLine, PublicKey offered) throws SessionEnded, InputClosed {
        screen.print(String.join("\n",
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
                "@    WARNING: THE KEY OF THIS SERVER HAS CHANGED!               @",
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
                "The server at " + server + " sent a different key from the one it sent before.",
                "Someone may be intercepting this connection to read your password,",
                "or the server's key may have been replaced.",
                "Remembered key: " + fingerprintOf(pinnedLine),
                "Offered key:    " + fingerprint(offered),
                "Your password has not been sent."));
        if (trustChangedKey) {
            screen.print("Trusting the new key, as --trust-changed-server-key asks.");
            return;
        }
        String answer = screen.readLine(CONFIRM);
        if (!answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new SessionEnded("Not logged in: the new key of " + server + " was not trusted.");
        }
    }

    private static boolean sameKey(String pinnedLine, PublicKey offered) {
        try {
            return MessageDigest.isEqual(RsaKeys.fromLine(pinnedLine).getEncoded(), offered.getEncoded());
        } catch (GeneralSecurityException e) {
            return false; // an unreadable remembered key is not this key
        }
    }

    private static String fingerprintOf(String keyLine) {
        try {
            return fingerprint(RsaKeys.fromLine(keyLine));
        } catch (GeneralSecurityException e) {
            return "(unreadable)";
        }
    }

    /** {@code SHA256:<base64>} of the key's DER form, as ssh shows host keys. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
