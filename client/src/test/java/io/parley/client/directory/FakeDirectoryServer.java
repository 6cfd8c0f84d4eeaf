package io.parley.client.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in directory server for client tests: answers each command line with the reply given
 * for it ({@code OK bye} and a close for {@code bye}), so a test chooses exactly what the client
 * reads. Thread-safe; one thread per connection.
 */
final class FakeDirectoryServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Map<String, String> replies = new ConcurrentHashMap<>(Map.of("getdir", "OK 0\n"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    FakeDirectoryServer() {
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "fake-directory");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Sends {@code notice} unasked on every open connection and closes them, as a server that stops does. */
    void hangUpAll(String notice) throws IOException {
        for (Socket connection : open) {
            connection.getOutputStream().write(notice.getBytes(StandardCharsets.UTF_8));
            connection.close();
        }
    }

    /** From now on, {@code command} gets {@code reply} (its lines, each ending in a newline); getdir starts as {@code OK 0}. */
    FakeDirectoryServer answer(String command, String reply) {
        replies.put(command, reply);
        return this;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                Thread serving = new Thread(() -> serve(connection), "fake-directory-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        open.add(connection);
        try (connection) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                String reply = command.equals("bye") ? "OK bye\n"
                        : replies.getOrDefault(command, "ERR 400 unknown command x\n");
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (command.equals("bye")) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the client went away
        } finally {
            open.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
