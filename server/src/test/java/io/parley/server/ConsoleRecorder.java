package io.parley.server;

import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's stdout in a test: every line it prints, from whatever thread, in order. A test
 * waits (up to {@link WireClient#TIMEOUT_MS}) for the line it expects next, passing over others,
 * or for the directory's connection lines to add up to a number of open connections.
 *
 * <p>Thread-safe.
 */
final class ConsoleRecorder {

    private static final Pattern CONNECTION = Pattern.compile("Connection from (\\S+) (opened|closed)");

    private final List<String> lines = new ArrayList<>();
    private final PrintStream stream = new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
    /** How many lines the expectations so far have consumed. */
    private int consumed;

    /** What to give the server as its {@code out}. */
    PrintStream stream() {
        return stream;
    }

    /** Waits for a line, after those consumed, equal to {@code expected}. */
    void expectLine(String expected) {
        expectLineMatching(Pattern.quote(expected));
    }

    /** Waits for a line, after those consumed, that matches {@code regex}. */
    synchronized void expectLineMatching(String regex) {
        Pattern expected = Pattern.compile(regex);
        await("a line matching " + expected, () -> {
            for (int i = consumed; i < lines.size(); i++) {
                if (expected.matcher(lines.get(i)).matches()) {
                    consumed = i + 1;
                    return true;
                }
            }
            return false;
        });
    }

    /** Every line printed so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until the connection lines printed so far leave exactly {@code count} connections open. */
    synchronized void awaitOpenConnections(int count) {
        await(count + " open connections", () -> openConnections().size() == count);
    }

    /** The peers with an "opened" line and no "closed" line yet. */
    private Set<String> openConnections() {
        Set<String> open = new HashSet<>();
        for (String line : lines) {
            Matcher connection = CONNECTION.matcher(line);
            if (connection.matches() && connection.group(2).equals("opened")) {
                open.add(connection.group(1));
            } else if (connection.matches()) {
                open.remove(connection.group(1));
            }
        }
        return open;
    }

    /** Waits, holding the monitor the splitter notifies, until {@code done} holds. */
    private void await(String what, BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + WireClient.TIMEOUT_MS;
        while (!done.getAsBoolean()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("the server did not print " + what + " within " + WireClient.TIMEOUT_MS
                        + " ms; it printed " + lines);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    /** Splits what is printed into lines. */
    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
