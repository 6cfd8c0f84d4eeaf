package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blocking TCD client over a real socket, for black-box transcripts in the style of NATS's and
 * OkHttp's tests: {@link #send} bytes, {@link #expect} exact bytes, {@link #expectEof}. Reads time
 * out (a broken server fails the test rather than hanging it); nothing here sleeps or measures
 * time. One thread at a time.
 */
final class TcdClient implements AutoCloseable {

    /** The longest a read waits: generous, it only bounds how long a failing test takes. */
    private static final int READ_TIMEOUT_MS = 20_000;
    private static final Pattern JOINED_REF = Pattern.compile("ROOM_REF: (\\d+)\n");
    private static final Pattern JOINED_ID = Pattern.compile("JOIN_ID: (\\d+)\n");

    /** What a JOINED_CHATROOM reply said. */
    record Joined(int ref, long joinId) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private TcdClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.port = port;
    }

    /** Dials 127.0.0.1, the address the server's IP and SERVER_IP replies must then show. */
    static TcdClient connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new TcdClient(socket, port);
    }

    /** Writes {@code text} as UTF-8 in one write. */
    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes {@code text} one byte per write, so the server sees it in many small segments. */
    void sendByteByByte(String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            out.flush();
        }
    }

    /** Reads exactly as many bytes as {@code expected} has in UTF-8 and checks they are those. */
    void expect(String expected) throws IOException {
        String actual = read(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(actual).as("the next bytes from the server").isEqualTo(expected);
    }

    /** Reads one line, its {@code \n} included. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Checks that the server closed the connection with nothing more to read. */
    void expectEof() throws IOException {
        assertThat(readToEof()).as("bytes before the end of stream").isEmpty();
    }

    /** Reads everything up to the end of stream. */
    String readToEof() throws IOException {
        return read(Integer.MAX_VALUE);
    }

    /** Reads {@code count} bytes or up to the end of stream; a timeout fails with what was read. */
    private String read(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            for (int b; bytes.size() < count && (b = in.read()) != -1; ) {
                bytes.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("timed out waiting for the server; read so far: \""
                    + bytes.toString(StandardCharsets.UTF_8) + "\"", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Checks that nothing is waiting to be read, using the protocol as a barrier: a HELO's reply
     * must be the very next thing to arrive.
     */
    void expectNothingBeforeHelo() throws IOException {
        send("HELO barrier\n");
        expect(TcdMessages.helo("barrier", port));
    }

    /** Reads a JOINED_CHATROOM reply for {@code room}, checking its fixed parts byte for byte. */
    Joined expectJoined(String room) throws IOException {
        expect("JOINED_CHATROOM: " + room + "\nSERVER_IP: 127.0.0.1\nPORT: " + port + "\n");
        int ref = Integer.parseInt(group(JOINED_REF, readLine()));
        long joinId = Long.parseLong(group(JOINED_ID, readLine()));
        return new Joined(ref, joinId);
    }

    /** Joins {@code room} as {@code name}: JOINED, then the client's own join announcement. */
    Joined join(String room, String name) throws IOException {
        send(TcdMessages.join(room, name));
        Joined joined = expectJoined(room);
        expect(TcdMessages.joinedAnnouncement(joined.ref(), name));
        return joined;
    }

    /** Leaves a joined room: LEFT with the values sent, then the client's own leave announcement. */
    void leave(Joined room, String name) throws IOException {
        send(TcdMessages.leave(room.ref(), room.joinId(), name));
        expect(TcdMessages.left(room.ref(), room.joinId()));
        expect(TcdMessages.leftAnnouncement(room.ref(), name));
    }

    private static String group(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        assertThat(matcher.matches()).as("%s matches %s", line, pattern).isTrue();
        return matcher.group(1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TcdClient[local port " + socket.getLocalPort() + "]";
    }
}
