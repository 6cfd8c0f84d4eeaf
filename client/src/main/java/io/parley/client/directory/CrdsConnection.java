package io.parley.client.directory;

import io.parley.client.ClientTls;
import io.parley.core.text.Text;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection to a Chat Room Directory Server (spec: {@code shared/specs/directory.md}): one
 * command line out, its whole reply back, each reply line waited for at most a timeout so that a
 * silent server cannot hang the client.
 *
 * <p>A reader thread ({@code parley-crds-reader}) reads the socket all the time, so the client
 * hears at once when the server goes away, even while nobody types: the {@link Listener} is told
 * when the server closes the connection, with the line it sent unasked before that (a shutdown
 * notice such as {@code ERR 503 server shutting down}), which is never taken for the reply to a
 * later command.
 *
 * <p>Threads: {@link #request} and {@link #close} are for the client's input thread, which owns
 * the connection; the listener is called on the reader thread; {@link #ended} may be read from
 * any thread.
 */
final class CrdsConnection implements Closeable {

    /** How long connecting, and waiting for any line of a reply, may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the reader thread tells the client. */
    interface Listener {

        /** The server closed the connection, or it broke; {@code reason} says how, for the user. */
        void lost(CrdsConnection connection, String reason);
    }

    private final Socket socket;
    private final Writer out;
    private final String address;
    /** Reply lines in arrival order; an empty value marks the end of the stream and stays last. */
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    /** True from sending a command until its reply is read: only then is a line a reply. */
    private volatile boolean awaitingReply;
    private volatile boolean closing;
    private volatile boolean ended;
    private volatile String unasked;
    private volatile String endReason;
    private final AtomicBoolean endReported = new AtomicBoolean();

    private CrdsConnection(Socket socket, String address, Listener listener) throws IOException {
        this.socket = socket;
        this.address = address;
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> readLoop(in, listener), "parley-crds-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects, with TLS when {@code tls} says so; an IOException's message says why not, in one line. */
    static CrdsConnection open(String host, int port, ClientTls tls, Listener listener) throws IOException {
        Socket socket = tls.connect(host, port, (int) TIMEOUT.toMillis());
        try {
            return new CrdsConnection(socket, host + ":" + port, listener);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's address, as connected to. */
    InetAddress serverAddress() {
        return socket.getInetAddress();
    }

    /** {@code host:port}, as the user named it. */
    String address() {
        return address;
    }

    /** True once the server has closed the connection (or it broke). */
    boolean ended() {
        return ended;
    }

    /** True the first time only: whoever reports the end to the user first does, once. */
    boolean claimEndReport() {
        return endReported.compareAndSet(false, true);
    }

    /** How the server ended the connection ({@code closed the connection (error 503: ...)}), once it has. */
    Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Sends {@code command} as it is and reads its reply, with the rows of a listing. */
    CrdsReply request(String command) throws IOException {
        return request(command, TIMEOUT);
    }

    /** As {@link #request(String)}, waiting at most {@code timeout} for each line of the reply. */
    CrdsReply request(String command, Duration timeout) throws IOException {
        if (ended) {
            throw new EOFException("the directory server closed the connection");
        }
        awaitingReply = true;
        try {
            out.write(command + "\n");
            out.flush();
            CrdsReply reply = CrdsReply.parse(readLine(timeout));
            int size = reply.listingSize(command);
            List<String> rows = new ArrayList<>(Math.min(size, 1024));
            for (int i = 0; i < size; i++) {
                rows.add(readLine(timeout));
            }
            return size == 0 ? reply : reply.withRows(rows);
        } finally {
            awaitingReply = false;
        }
    }

    private String readLine(Duration timeout) throws IOException {
        Optional<String> line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the directory server");
        }
        if (line == null) {
            throw new SocketTimeoutException("no reply from " + address + " within " + timeout.toSeconds() + " s");
        }
        if (line.isEmpty()) {
            lines.add(line); // the end marker stays for later reads
            throw new EOFException("the directory server closed the connection");
        }
        return line.get();
    }

    private void readLoop(BufferedReader in, Listener listener) {
        String how = "closed the connection";
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (awaitingReply) {
                    lines.add(Optional.of(line));
                } else {
                    unasked = line; // a notice before a close; never the reply to a later command
                }
            }
        } catch (IOException e) {
            how = "connection broke (" + e.getMessage() + ")";
        } finally {
            endReason = describe(how);
            ended = true;
            lines.add(Optional.empty());
            if (!closing) {
                listener.lost(this, endReason);
            }
        }
    }

    /** {@code closed the connection (error 503: server shutting down)}. */
    private String describe(String how) {
        String notice = unasked;
        if (notice == null) {
            return how;
        }
        String said;
        try {
            said = CrdsReply.parse(notice).readable();
        } catch (MalformedReplyException e) {
            said = notice;
        }
        return how + " (" + Text.clean(said, false) + ")";
    }

    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
    }
}
