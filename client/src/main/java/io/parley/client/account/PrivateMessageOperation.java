package io.parley.client.account;

import io.parley.core.text.Text;
import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * PM (spec: {@code shared/specs/account.md}, "Operations"): {@code C PM} and the online list,
 * {@code C TO <peer>} and the peer's key, then the message, encrypted under that key (with the
 * sender's own copy kept in {@link SentMessages}), or in clear when the peer has none
 * ({@code C KEY bob -}). Every error goes back to the prompt. With nobody
 * else online there is nobody to ask for: the client says so and takes the server back to the
 * prompt itself. Session thread only.
 */
final class PrivateMessageOperation implements Operation {

    static final String PEERS = "Peers Online:";
    static final String ASK_PEER = "Peer to message: ";
    static final String ASK = "Enter the private message: ";
    static final String SENT = "Private message sent.";
    static final String NOBODY = "Nobody else is online: there is nobody to send a private message to.";

    private final ServerConnection connection;
    private final Screen screen;
    private final Composer composer;
    private final String username;
    private final SentMessages sentMessages;

    PrivateMessageOperation(ServerConnection connection, Screen screen, Composer composer, String username,
            SentMessages sentMessages) {
        this.connection = connection;
        this.screen = screen;
        this.composer = composer;
        this.username = username;
        this.sentMessages = sentMessages;
    }

    @Override
    public void run() throws SessionEnded, InputClosed {
        connection.send("C PM");
        Reply users = connection.next();
        if (!users.is("C USERS")) {
            screen.print("Not sent: " + users.describe());
            return;
        }
        List<String> peers = AccountFrames.users(users.after("C USERS"));
        if (peers.isEmpty()) {
            backToThePrompt();
            screen.print(NOBODY);
            return;
        }
        screen.print(peerList(peers));
        String peer = askPeer();
        connection.send("C TO " + peer);
        Reply key = connection.next();
        if (!key.is("C KEY")) {
            screen.print("Not sent: " + key.describe());
            return;
        }
        Optional<PublicKey> peerKey = peerKey(peer, key.after("C KEY"));
        if (peerKey.isEmpty()) {
            screen.print(peer + " has no key: this message is sent unencrypted.");
        }
        Composer.Message message = composer.compose(ASK, text -> "D " + payload(text, peerKey));
        if (peerKey.isPresent()) {
            keepCopy(message);
        }
        connection.send(message.frame());
        Reply sent = connection.next();
        screen.print(sent.isOk() ? SENT : "Not sent: " + sent.describe());
    }

    /** Before sending, so that a message the server acknowledges always has its copy. */
    private void keepCopy(Composer.Message message) {
        try {
            sentMessages.keep(message.frame().substring("D ".length()), message.text());
        } catch (IOException | GeneralSecurityException e) {
            screen.print("Could not keep your own copy of this message (" + e.getMessage()
                    + "): your history will show it as " + MessageDecryptor.ENCRYPTED + ".");
        }
    }

    /**
     * The server now waits for {@code C TO <user>} and the spec has no way to cancel, but every
     * PM error returns to the prompt: naming oneself is refused ({@code C ERR 400}) whoever is
     * online by now, so that is the way back.
     */
    private void backToThePrompt() throws SessionEnded {
        connection.send("C TO " + username);
        connection.next();
    }

    private static String peerList(List<String> names) {
        StringBuilder list = new StringBuilder(PEERS);
        for (String name : names) {
            list.append('\n').append(Text.clean(name, false));
        }
        return list.toString();
    }

    /** The server waits for a name now and has no way back, so ask until there is one word. */
    private String askPeer() throws InputClosed {
        while (true) {
            String peer = screen.readLine(ASK_PEER).strip();
            if (!peer.isEmpty() && peer.chars().noneMatch(Character::isWhitespace)) {
                return peer;
            }
            screen.print("A user name is one word.");
        }
    }

    /**
     * The key in {@code <peer> <key>|-}. A key that cannot be read ends the session: the server
     * is waiting for the message, and sending it in clear is not what the user asked for.
     */
    private static Optional<PublicKey> peerKey(String peer, String reply) throws SessionEnded {
        String[] parts = reply.split(" ", 2);
        String key = parts.length == 2 ? parts[1].strip() : "";
        if (key.equals("-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RsaKeys.fromLine(key));
        } catch (GeneralSecurityException e) {
            throw new SessionEnded("The server sent a key for " + peer + " that cannot be used (" + e.getMessage()
                    + "); the message was not sent.");
        }
    }

    private static String payload(String text, Optional<PublicKey> peerKey) throws GeneralSecurityException {
        return peerKey.isPresent() ? Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), peerKey.get()) : text;
    }
}
