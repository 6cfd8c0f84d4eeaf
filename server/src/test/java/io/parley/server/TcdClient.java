package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blocking TCD client over a real socket, for black-box transcripts in the style of NATS's and
 * OkHttp's tests: {@link #send} bytes, {@link #expect} exact bytes, {@link #expectEof}. Reads time
 * out (a broken server fails the test rather than hanging it); nothing here sleeps or measures
 * time. One thread at a time.
 */
final class TcdClient implements AutoCloseable {

    private static final Pattern JOINED_REF = Pattern.compile("ROOM_REF: (\\d+)\n");
    private static final Pattern JOINED_ID = Pattern.compile("JOIN_ID: (\\d+)\n");

    /** What a JOINED_CHATROOM reply said. */
    record Joined(int ref, long joinId) {}

    private final WireClient wire;
    private final int port;

    private TcdClient(WireClient wire, int port) {
        this.wire = wire;
        this.port = port;
    }

    /** Dials 127.0.0.1, the address the server's IP and SERVER_IP replies must then show. */
    static TcdClient connect(int port) {
        return new TcdClient(WireClient.connect(port), port);
    }

    /** Dials 127.0.0.1 with a socket the caller made (e.g. a TLS one). */
    static TcdClient connect(java.net.Socket socket, int port) {
        return new TcdClient(WireClient.connect(socket, port), port);
    }

    /** Writes {@code text} as UTF-8 in one write. */
    void send(String text) {
        wire.send(text);
    }

    /** Writes {@code text} one byte per write, so the server sees it in many small segments. */
    void sendByteByByte(String text) {
        wire.sendByteByByte(text);
    }

    /** Reads exactly as many bytes as {@code expected} has in UTF-8 and checks they are those. */
    void expect(String expected) {
        wire.expect(expected);
    }

    /** Reads one line, its {@code \n} included. */
    String readLine() {
        return wire.readLine() + "\n";
    }

    /** Checks that the server closed the connection with nothing more to read. */
    void expectEof() {
        wire.expectEof();
    }

    /** Reads everything up to the end of stream. */
    String readToEof() {
        return wire.readToEof();
    }

    /**
     * Checks that nothing is waiting to be read, using the protocol as a barrier: a HELO's reply
     * must be the very next thing to arrive.
     */
    void expectNothingBeforeHelo() {
        send("HELO barrier\n");
        expect(TcdMessages.helo("barrier", port));
    }

    /** Reads a JOINED_CHATROOM reply for {@code room}, checking its fixed parts byte for byte. */
    Joined expectJoined(String room) {
        expect("JOINED_CHATROOM: " + room + "\nSERVER_IP: 127.0.0.1\nPORT: " + port + "\n");
        int ref = Integer.parseInt(group(JOINED_REF, readLine()));
        long joinId = Long.parseLong(group(JOINED_ID, readLine()));
        return new Joined(ref, joinId);
    }

    /** Joins {@code room} as {@code name}: JOINED, then the client's own join announcement. */
    Joined join(String room, String name) {
        send(TcdMessages.join(room, name));
        Joined joined = expectJoined(room);
        expect(TcdMessages.joinedAnnouncement(joined.ref(), name));
        return joined;
    }

    /** Leaves a joined room: LEFT with the values sent, then the client's own leave announcement. */
    void leave(Joined room, String name) {
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
        wire.close();
    }
}
