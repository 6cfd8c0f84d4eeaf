package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client for text protocols over a real socket: {@code send} what a client
 * would, {@code expect} exactly the bytes a client should read next. Every read waits at most
 * {@link #TIMEOUT_MS}; a read that times out fails the test.
 *
 * <p>Not thread-safe, except that one thread may send while another reads.
 */
public final class WireClient implements AutoCloseable {

    public static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static WireClient connect(int port) {
        return connect(new Socket(), port);
    }

    /** Connects an unconnected socket that the caller has configured (e.g. a small receive buffer). */
    public static WireClient connect(Socket socket, int port) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            return new WireClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's own port: how the server names this connection (with 127.0.0.1). */
    public int localPort() {
        return socket.getLocalPort();
    }

    public WireClient send(String text) {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public WireClient sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} one byte per write, as a client on a slow link might. */
    public WireClient sendByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sendBytes(new byte[] {b});
        }
        return this;
    }

    /** Reads exactly as many bytes as {@code expected} has and asserts they are those bytes. */
    public WireClient expect(String expected) {
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        byte[] got = readExactly(want.length);
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(expected);
        return this;
    }

    /** Reads one line (up to and including {@code \n}) and returns it without the {@code \n}. */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                throw new AssertionError("end of stream after " + line.size() + " bytes of a line");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Asserts that the server closes the connection with no more bytes. */
    public void expectEof() {
        int b = read();
        assertThat(b).as("end of stream expected, read a byte instead").isEqualTo(-1);
    }

    /** Reads everything up to the end of stream, as text. */
    public String readToEof() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = read(); b >= 0; b = read()) {
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Reads and discards until the server closes; returns how many lines were read. */
    public int drainLinesUntilEof() {
        int lines = 0;
        for (int b = read(); b >= 0; b = read()) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private byte[] readExactly(int length) {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            try {
                int n = in.read(bytes, at, length - at);
                if (n < 0) {
                    throw new AssertionError("end of stream after " + at + " of " + length + " bytes: "
                            + new String(bytes, 0, at, StandardCharsets.UTF_8));
                }
                at += n;
            } catch (IOException e) {
                throw failure(e, new String(bytes, 0, at, StandardCharsets.UTF_8));
            }
        }
        return bytes;
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("reset")) {
                return -1; // a reset after the server closed is an end of stream too
            }
            throw failure(e, "");
        }
    }

    private static AssertionError failure(IOException e, String soFar) {
        String what = e instanceof SocketTimeoutException ? "nothing more arrived within " + TIMEOUT_MS + " ms"
                : e.toString();
        return new AssertionError(what + (soFar.isEmpty() ? "" : "; read so far: " + soFar), e);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket twice is harmless
        }
    }
}
