package io.parley.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.Pg3Cipher;
import io.parley.crypto.RsaKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * The server side of the account protocol, scripted by the test: a real {@link ServerSocket} on
 * an ephemeral loopback port, whose one accepted connection is driven line by line with
 * {@link #send} and {@link #expect}. Every read waits at most {@link #TIMEOUT_MS}. Holds the
 * server's key pair, so it can decrypt passwords as a real server would. Used by one test thread.
 */
final class FakeAccountServer implements AutoCloseable {

    static final int TIMEOUT_MS = 10_000;

    final KeyPair keys;
    private final ServerSocket listener;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    FakeAccountServer(KeyPair keys) {
        this.keys = keys;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setSoTimeout(TIMEOUT_MS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    String keyLine() {
        return RsaKeys.toLine(keys.getPublic());
    }

    /** Accepts the client's connection; the next calls talk to it. */
    FakeAccountServer accept() {
        try {
            socket = listener.accept();
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeAccountServer send(String frame) {
        try {
            out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame from the client, without its line end. */
    String readFrame() {
        try {
            String line = in.readLine();
            assertThat(line).as("a frame from the client, not the end of the stream").isNotNull();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeAccountServer expect(String frame) {
        assertThat(readFrame()).isEqualTo(frame);
        return this;
    }

    /** Reads {@code <prefix> <payload>} and returns the payload. */
    String expectPrefixed(String prefix) {
        String frame = readFrame();
        assertThat(frame).startsWith(prefix + " ");
        return frame.substring(prefix.length() + 1);
    }

    /** Reads {@code C PASS <payload>} and returns the password it decrypts to with the server's key. */
    String expectPassword() throws GeneralSecurityException {
        return decrypt(expectPrefixed("C PASS"), keys);
    }

    /** Reads {@code C PUBKEY <key>} and returns the key. */
    PublicKey expectPublicKey() throws GeneralSecurityException {
        return RsaKeys.fromLine(expectPrefixed("C PUBKEY"));
    }

    void expectEndOfStream() {
        try {
            assertThat(in.readLine()).as("the client closes the connection").isNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String decrypt(String payload, KeyPair keys) throws GeneralSecurityException {
        return new String(Pg3Cipher.decrypt(payload, keys.getPrivate()), StandardCharsets.UTF_8);
    }

    static String encrypt(String text, PublicKey key) throws GeneralSecurityException {
        return Pg3Cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), key);
    }

    /** Closes the client's connection, as a server that ends a session does. */
    void hangUp() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        hangUp();
        listener.close();
    }
}
