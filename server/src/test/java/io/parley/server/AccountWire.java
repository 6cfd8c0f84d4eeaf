package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * A scripted account-protocol client for tests: the frames of account.md over a {@link WireClient}
 * (named apart from the terminal client {@code io.parley.client.account.AccountClient}).
 *
 * <p>Not thread-safe: one test thread drives it.
 */
final class AccountWire implements AutoCloseable {

    /** A few key pairs shared by test users: RSA key generation is slow, and sharing is harmless here. */
    private static final KeyPair[] KEYS = generate(3);

    final WireClient wire;
    final String name;
    final KeyPair keys;

    private AccountWire(WireClient wire, String name, KeyPair keys) {
        this.wire = wire;
        this.name = name;
        this.keys = keys;
    }

    /** Connects, logs in (registering on first use) and registers a fresh public key. */
    static AccountWire login(int port, String name, String password) throws GeneralSecurityException {
        return login(new java.net.Socket(), port, name, password);
    }

    /** As {@link #login(int, String, String)}, over a socket the caller made (e.g. a TLS one). */
    static AccountWire login(java.net.Socket socket, int port, String name, String password)
            throws GeneralSecurityException {
        AccountWire client = new AccountWire(WireClient.connect(socket, port), name,
                KEYS[Math.floorMod(name.hashCode(), KEYS.length)]);
        PublicKey serverKey = client.user();
        client.wire.send("C PASS " + encrypt(password, serverKey) + "\n").expect("C OK welcome " + name + "\n");
        client.wire.send("C PUBKEY " + RsaKeys.toLine(client.keys.getPublic()) + "\n").expect("C OK key registered\n");
        return client;
    }

    private static KeyPair[] generate(int count) {
        KeyPair[] pairs = new KeyPair[count];
        try {
            for (int i = 0; i < count; i++) {
                pairs[i] = RsaKeys.generate();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return pairs;
    }

    /** Sends USER and returns the server key of the EXISTING/NEW reply. */
    PublicKey user() throws GeneralSecurityException {
        wire.send("C USER " + name + "\n");
        String reply = wire.readLine();
        assertThat(reply).matches("C (EXISTING|NEW) \\S+");
        return RsaKeys.fromLine(reply.substring(reply.lastIndexOf(' ') + 1));
    }

    static String encrypt(String text, PublicKey key) throws GeneralSecurityException {
        return Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), key);
    }

    String decrypt(String payload) throws GeneralSecurityException {
        return new String(Pg3Cipher.decrypt(payload, keys.getPrivate()), StandardCharsets.UTF_8);
    }

    /** BM: returns the number of users the server says received it. */
    int broadcast(String text) {
        wire.send("C BM\n").expect("C OK send the message\n");
        wire.send("D " + text + "\n");
        String reply = wire.readLine();
        assertThat(reply).matches("C OK sent to \\d+ users");
        return Integer.parseInt(reply.split(" ")[4]);
    }

    /** PM encrypted with the key the server gives for {@code to}. */
    void sendPrivate(String to, String text) throws GeneralSecurityException {
        wire.send("C PM\n");
        assertThat(wire.readLine()).startsWith("C USERS");
        wire.send("C TO " + to + "\n");
        String key = wire.readLine();
        assertThat(key).startsWith("C KEY " + to + " ");
        wire.send("D " + encrypt(text, RsaKeys.fromLine(key.substring(("C KEY " + to + " ").length()))) + "\n");
        wire.expect("C OK sent\n");
    }

    @Override
    public void close() {
        wire.close();
    }
}
