package io.parley.client.account;

import io.parley.client.ClientTls;
import io.parley.core.text.Text;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The TCP connection to an account server, routing what arrives by its first token (spec:
 * {@code shared/specs/account.md}, "Framing"): deliveries ({@code D BM}, {@code D PM}) go to the
 * {@link Listener} at once, {@code C BYE} ends the session, and everything else (replies and
 * {@code D CH} history lines) is queued for the command flow, so a delivery that arrives between a
 * request and its reply never takes the reply's place (conformance point 5).
 *
 * <p>Threads: one reader thread ({@code parley-account-reader}) reads and routes, and calls the
 * listener. {@link #send}, {@link #next}, {@link #leaving} and {@link #close} are for the session
 * thread (sends are serialised anyway); {@link #endReason} may be read from any thread.
 */
final class ServerConnection implements AutoCloseable {

    /** Spec: a frame longer than 64 KiB gets {@code C ERR 413} and the connection is closed. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    /** The longest line taken from the server; more means it is broken, and memory stays bounded. */
    private static final int MAX_INBOUND_LINE_BYTES = 1024 * 1024;

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long READER_JOIN_MS = 5_000;

    /** What the reader thread tells the session: both run on the reader thread. */
    interface Listener {

        /** A {@code D BM} or {@code D PM} frame, as it arrived. */
        void delivery(String line);

        /** The server ended the session (closed, {@code C BYE}, or the connection broke). */
        void ended(String reason);
    }

    private final Socket socket;
    private final OutputStream out;
    private final Listener listener;
    /** Replies in arrival order; an empty value marks the end of the stream and stays last. */
    private final BlockingQueue<Optional<String>> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile String endReason;
    private volatile boolean leaving;
    /** Whether any line came from the server: a silent peer may not be an account server at all. */
    private volatile boolean heardFrom;

    private ServerConnection(Socket socket, Listener listener) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.listener = listener;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        this.reader = new Thread(() -> readLoop(in), "parley-account-reader");
        reader.setDaemon(true);
    }

    /** Connects, with TLS when {@code tls} says so; an IOException's message says why not, in one line. */
    static ServerConnection open(String host, int port, ClientTls tls, Listener listener) throws IOException {
        Socket socket = tls.connect(host, port, CONNECT_TIMEOUT_MS);
        try {
            ServerConnection connection = new ServerConnection(socket, listener);
            connection.reader.start();
            return connection;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** True if {@code frame} and its line end are within the server's frame limit. */
    static boolean fits(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8).length + 1 <= MAX_FRAME_BYTES;
    }

    synchronized void send(String frame) throws SessionEnded {
        try {
            out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new SessionEnded(endReason().orElse("Lost the connection to the server: " + e.getMessage()));
        }
    }

    /**
     * The next reply, waiting at most {@code timeout} for it: empty if none came in that time.
     * For the first reply, which tells an account server from something else listening there.
     */
    Optional<Reply> next(Duration timeout) throws SessionEnded {
        Optional<String> item;
        try {
            item = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            item = replies.poll();
            if (item == null) {
                throw new SessionEnded(endReason().orElse("Interrupted."));
            }
            Thread.currentThread().interrupt();
        }
        return item == null ? Optional.empty() : Optional.of(reply(item));
    }

    /** True once any line has come from the server. */
    boolean heardFrom() {
        return heardFrom;
    }

    /**
     * The next reply, waiting for it. Replies that arrived before the end of the stream are still
     * returned after it; then every call fails with the reason the session ended.
     */
    Reply next() throws SessionEnded {
        // poll() first: take() would throw on a pending interrupt even with a reply waiting.
        Optional<String> item = replies.poll();
        if (item == null) {
            try {
                item = replies.take();
            } catch (InterruptedException e) {
                // Only the end of the session interrupts us, after queueing its marker.
                item = replies.poll();
                if (item == null) {
                    throw new SessionEnded(endReason().orElse("Interrupted."));
                }
                // Keep the interrupt for the next blocking read of the keyboard.
                Thread.currentThread().interrupt();
            }
        }
        return reply(item);
    }

    private Reply reply(Optional<String> item) throws SessionEnded {
        if (item.isEmpty()) {
            replies.add(item); // the marker stays for later calls
            throw new SessionEnded(endReason().orElse("The server closed the connection."));
        }
        return new Reply(item.get());
    }

    /** The client is about to close: the end of the stream is expected, not news for the listener. */
    void leaving() {
        leaving = true;
    }

    /** Why the session ended, once the server ended it. */
    Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Closes the socket and waits for the reader thread, so no listener call comes after this. */
    @Override
    public void close() {
        leaving = true;
        try {
            socket.close();
            reader.join(READER_JOIN_MS);
        } catch (IOException e) {
            // closing is best effort; the reader stops on the closed socket anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop(InputStream in) {
        String reason = "The server closed the connection.";
        try {
            for (String line = readLine(in); line != null; line = readLine(in)) {
                heardFrom = true;
                Reply frame = new Reply(line);
                if (frame.is("D BM") || frame.is("D PM")) {
                    listener.delivery(line);
                } else if (frame.is("C BYE")) {
                    reason = "The server ended the session: " + Text.clean(frame.after("C BYE"), false);
                    break;
                } else {
                    replies.add(Optional.of(line));
                }
            }
        } catch (IOException e) {
            reason = "Lost the connection to the server: " + e.getMessage();
        } finally {
            // Always, even if the listener threw: the session thread may be waiting for a reply.
            endReason = reason;
            replies.add(Optional.empty());
            if (!leaving) {
                listener.ended(reason);
            }
        }
    }

    /** One line without its {@code \n} (or {@code \r\n}); null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_INBOUND_LINE_BYTES) {
                throw new IOException("the server sent a line longer than " + MAX_INBOUND_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return null; // a partial last line is dropped: the frame was never finished
    }
}
