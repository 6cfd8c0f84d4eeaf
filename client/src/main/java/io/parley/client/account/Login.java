package io.parley.client.account;

import io.parley.protocol.account.Pg3Cipher;
import io.parley.protocol.account.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Locale;

/**
 * The login (spec: {@code shared/specs/account.md}, "Session"): {@code USER}, the server's key
 * checked by {@link ServerKeyCheck}, the password encrypted under that key and asked again after
 * {@code ERR 401} or {@code ERR 400}, then this user's public key. {@code ERR 429} and any other
 * refusal end the session. Session thread only.
 */
final class Login {

    static final String PASSWORD = "Enter password: ";
    static final String INCORRECT = "Incorrect password. Please enter again: ";

    private final ServerConnection connection;
    private final Screen screen;
    private final ServerKeyCheck keyCheck;
    private final AccountTarget target;
    private final PublicKey userKey;

    Login(ServerConnection connection, Screen screen, ServerKeyCheck keyCheck, AccountTarget target, PublicKey userKey) {
        this.connection = connection;
        this.screen = screen;
        this.keyCheck = keyCheck;
        this.target = target;
        this.userKey = userKey;
    }

    void run() throws SessionEnded, InputClosed {
        PublicKey serverKey = introduce();
        sendPassword(serverKey);
        registerKey();
    }

    private PublicKey introduce() throws SessionEnded, InputClosed {
        connection.send("C USER " + target.username());
        Reply reply = connection.next();
        String keyLine;
        if (reply.is("C EXISTING")) {
            screen.print("Existing user");
            keyLine = reply.after("C EXISTING");
        } else if (reply.is("C NEW")) {
            screen.print("Creating new user");
            keyLine = reply.after("C NEW");
        } else {
            throw new SessionEnded("Login failed: " + reply.describe());
        }
        return keyCheck.verify(target.server(), keyLine);
    }

    private void sendPassword(PublicKey serverKey) throws SessionEnded, InputClosed {
        String prompt = PASSWORD;
        while (true) {
            String password = screen.readSecret(prompt);
            connection.send("C PASS " + encrypt(password, serverKey));
            Reply reply = connection.next();
            if (reply.isOk()) {
                return;
            }
            switch (reply.errorCode()) {
                case 401 -> prompt = INCORRECT;
                case 400 -> prompt = sentence(reply.describe()) + " Please enter again: ";
                default -> throw new SessionEnded("Login failed: " + reply.describe()); // 429 among them
            }
        }
    }

    private void registerKey() throws SessionEnded {
        connection.send("C PUBKEY " + RsaKeys.toLine(userKey));
        Reply reply = connection.next();
        if (!reply.isOk()) {
            screen.print("The server did not take your key, so private messages to you will not be encrypted: "
                    + reply.describe());
        }
    }

    private static String encrypt(String password, PublicKey serverKey) throws SessionEnded {
        try {
            return Pg3Cipher.encrypt(password.getBytes(StandardCharsets.UTF_8), serverKey);
        } catch (GeneralSecurityException e) {
            throw new SessionEnded("Cannot encrypt the password with the server's key: " + e.getMessage());
        }
    }

    /** {@code password must be 8-256 characters} as a sentence: capital first letter, full stop. */
    private static String sentence(String text) {
        if (text.isEmpty()) {
            return "Invalid password.";
        }
        String capital = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }
}
