package io.parley.client.account;

import io.parley.core.text.Text;
import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The login (spec: {@code shared/specs/account.md}, "Session"): {@code USER}, the server's key
 * checked by {@link ServerKeyCheck}, the password encrypted under that key and asked again after
 * {@code ERR 401} or {@code ERR 400}; then ({@link #registerKey}) this user's public key.
 * {@code ERR 429} and any other refusal end the session.
 *
 * <p>The first reply tells an account server from whatever else may listen on the port: nothing
 * within {@code firstReplyTimeout}, or a line that is not a {@code C} frame (a directory server's
 * {@code ERR 400}, a line server's {@code * ...} notice), ends the session with a hint at the
 * right port, instead of waiting for ever. Session thread only.
 */
final class Login {

    static final String PASSWORD = "Enter password: ";
    static final String INCORRECT = "Incorrect password. Please enter again: ";
    /** How long the first reply may take: an account server answers {@code USER} at once. */
    static final Duration FIRST_REPLY_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_PORT = 7713;

    private final ServerConnection connection;
    private final Screen screen;
    private final ServerKeyCheck keyCheck;
    private final AccountTarget target;
    private final PublicKey userKey;
    private final Duration firstReplyTimeout;

    Login(ServerConnection connection, Screen screen, ServerKeyCheck keyCheck, AccountTarget target, PublicKey userKey,
            Duration firstReplyTimeout) {
        this.connection = connection;
        this.screen = screen;
        this.keyCheck = keyCheck;
        this.target = target;
        this.userKey = userKey;
        this.firstReplyTimeout = firstReplyTimeout;
    }

    /** Logs in: returns once the server has accepted the password. */
    void run() throws SessionEnded, InputClosed {
        PublicKey serverKey = introduce();
        sendPassword(serverKey);
    }

    private PublicKey introduce() throws SessionEnded, InputClosed {
        connection.send("C USER " + target.username());
        Reply reply = firstReply();
        String keyLine;
        if (reply.is("C EXISTING")) {
            screen.print("Existing user");
            keyLine = reply.after("C EXISTING");
        } else if (reply.is("C NEW")) {
            screen.print("Creating new user");
            keyLine = reply.after("C NEW");
        } else if (reply.is("C")) {
            throw new SessionEnded("Login failed: " + reply.describe());
        } else {
            throw notAnAccountServer("unexpected reply from " + address() + " (" + Text.clean(reply.line(), false)
                    + ")");
        }
        return keyCheck.verify(target.server(), keyLine);
    }

    private Reply firstReply() throws SessionEnded {
        Optional<Reply> reply;
        try {
            reply = connection.next(firstReplyTimeout);
        } catch (SessionEnded e) {
            if (connection.heardFrom()) {
                throw e; // an account server that said why (C BYE)
            }
            throw notAnAccountServer(address() + " closed the connection without a reply");
        }
        return reply.orElseThrow(() -> notAnAccountServer("no reply from " + address()));
    }

    private SessionEnded notAnAccountServer(String what) {
        return new SessionEnded(what + "; is this Parley's account port (default " + DEFAULT_PORT + ")?");
    }

    private String address() {
        return target.host() + ":" + target.port();
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

    /** Registers this user's public key, once logged in. */
    void registerKey() throws SessionEnded {
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
