package io.parley.client.account;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A dumb JLine terminal for driving the client like a user: {@link #await} waits until the client
 * has printed a text (a prompt, a message), {@link #type} then types a line. Input typed is only
 * read when the client asks for it, so the script is in step with the client without sleeps.
 * Thread-safe.
 */
final class ScriptedTerminal implements AutoCloseable {

    static final long TIMEOUT_MS = 10_000;

    private final Keyboard keyboard = new Keyboard();
    private final Display display = new Display();
    private final Terminal terminal;

    ScriptedTerminal() {
        try {
            terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, keyboard, display, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Terminal terminal() {
        return terminal;
    }

    /** Types {@code line} and Enter. */
    void type(String line) {
        keyboard.keys.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ctrl-D on an empty line: the end of input. */
    void endInput() {
        keyboard.keys.add(new byte[0]);
    }

    /** Waits until {@code text} appears after what earlier awaits matched, and moves past it. */
    void await(String text) {
        display.await(text);
    }

    /** Everything printed so far. */
    String output() {
        return display.text();
    }

    @Override
    public void close() throws IOException {
        endInput();
        terminal.close();
    }

    /** Keys waiting to be read; an empty array is the end of input. */
    private static final class Keyboard extends InputStream {

        private final BlockingQueue<byte[]> keys = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public synchronized int read() throws IOException {
            while (at == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = keys.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                at = 0;
                ended = current.length == 0;
            }
            return current[at++] & 0xff;
        }
    }

    /** What the client printed, with a cursor for {@link #await}. */
    private static final class Display extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int cursor;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void await(String expected) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
            while (true) {
                String text = text();
                int found = text.indexOf(expected, cursor);
                if (found >= 0) {
                    cursor = found + expected.length();
                    return;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("the client did not print %s within %d ms; after the last match it printed:%n%s",
                            expected, TIMEOUT_MS, text.substring(cursor));
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for %s", expected);
                }
            }
        }
    }
}
