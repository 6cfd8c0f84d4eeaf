package io.parley.client.directory;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection to a Chat Room Directory Server (spec: {@code shared/specs/directory.md}): one
 * command line out, its whole reply back. Blocking, with a timeout on every read so that a
 * silent server cannot hang the client. Not thread-safe: the client's input thread owns it.
 */
final class CrdsConnection implements Closeable {

    /** How long connecting, and waiting for any line of a reply, may take. */
    static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final BufferedReader in;
    private final Writer out;

    private CrdsConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    }

    static CrdsConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            return new CrdsConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's address, as connected to. */
    InetAddress serverAddress() {
        return socket.getInetAddress();
    }

    /** Sends {@code command} as it is and reads its reply, with the rows of a listing. */
    CrdsReply request(String command) throws IOException {
        out.write(command + "\n");
        out.flush();
        CrdsReply reply = CrdsReply.parse(readLine());
        int size = reply.listingSize(command);
        if (size == 0) {
            return reply;
        }
        List<String> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rows.add(readLine());
        }
        return reply.withRows(rows);
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new EOFException("the directory server closed the connection");
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
