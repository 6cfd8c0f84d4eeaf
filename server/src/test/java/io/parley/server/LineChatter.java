package io.parley.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A line-protocol user for tests under load or failure: a thread reads every line it receives
 * into a list, whatever the test's thread is doing, so the test can send at a steady rate and
 * check afterwards what arrived, in what order. Its texts start with its {@code tag}, unique in
 * the test, so each text is said once in the whole cluster.
 *
 * <p>Thread-safe: {@link #say} from one sending thread, the rest from any.
 */
final class LineChatter implements AutoCloseable {

    /** The line protocol's refusal of a message the node could not take (store or bus down). */
    static final String REFUSED = "* message not stored, try again";
    static final long AWAIT_S = 60;

    final String name;
    final String tag;
    private final Socket socket;
    private final OutputStream out;
    /** Every line received, in order; guarded by {@code this}. */
    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private int said;

    private LineChatter(String name, String tag, Socket socket) throws IOException {
        this.name = name;
        this.tag = tag;
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "chatter-" + tag);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to the line listener on {@code port} and joins its room as {@code name}. */
    static LineChatter join(int port, String name, String tag) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        LineChatter chatter = new LineChatter(name, tag, socket);
        chatter.write(name);
        return chatter;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the node died, or the test closed the socket
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Says the next of this chatter's texts ({@code tag-N}); false once the connection is gone. */
    boolean sayNext() {
        int n;
        synchronized (this) {
            n = said;
        }
        if (!write(tag + "-" + n)) {
            return false;
        }
        synchronized (this) {
            said++;
        }
        return true;
    }

    /** Says {@code text}; false if the connection is gone. */
    boolean say(String text) {
        return write(text);
    }

    private boolean write(String line) {
        try {
            synchronized (out) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    synchronized int said() {
        return said;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The messages received, {@code author: text}, in order (the server's notices left out). */
    synchronized List<String> messages() {
        return lines.stream().filter(line -> !line.startsWith("* ")).toList();
    }

    /** This chatter's own texts that came back to it: acknowledged, so durable. */
    synchronized Set<String> acknowledged() {
        Set<String> texts = new LinkedHashSet<>();
        String prefix = name + ": " + tag + "-";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                texts.add(line.substring(name.length() + 2));
            }
        }
        return texts;
    }

    /** How many messages of {@code other}'s reached this chatter. */
    synchronized long receivedFrom(LineChatter other) {
        String prefix = other.name + ": " + other.tag + "-";
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    synchronized long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Waits until {@code condition} holds of this chatter; fails, with what it received, if not in time. */
    synchronized void await(Predicate<LineChatter> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_S);
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                List<String> tail = lines.subList(Math.max(0, lines.size() - 20), lines.size());
                throw new AssertionError(tag + " (" + name + "): not " + what + " within " + AWAIT_S
                        + " s; ended: " + ended + "; its last lines: " + tail);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for a line equal to {@code line}. */
    void awaitLine(String line) throws InterruptedException {
        await(chatter -> chatter.count(line) > 0, "sent \"" + line + "\"");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
