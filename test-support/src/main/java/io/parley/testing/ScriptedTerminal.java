package io.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A terminal for driving an interactive client from a test: {@link #type} is the keyboard,
 * {@link #expect} waits (up to {@link #TIMEOUT_MS}) for the screen to show something. It is
 * JLine's dumb terminal on in-memory streams, by default of type {@code ansi} so that the line
 * editor echoes keys and redraws the input line: a test can see what was typed (and what was
 * not, such as a password), and that a message printed while typing leaves the half-typed line
 * whole under it. The screen text has its escape sequences removed and every carriage return
 * read as a line end. Like a tty, it turns Ctrl-C into SIGINT and Ctrl-D on an empty line
 * into the end of input.
 *
 * <p>Thread-safe: the client runs on its own thread; the test types and expects on another.
 */
public final class ScriptedTerminal implements AutoCloseable {

    public static final long TIMEOUT_MS = 10_000;
    /** What Ctrl-C and Ctrl-D type; the terminal treats them as a tty does. */
    public static final char CTRL_C = '\u0003';
    public static final char CTRL_D = '\u0004';
    private static final Pattern ESCAPES = Pattern.compile("\u001b(\\[[0-9;?]*[ -/]*[@-~]|[=>()][0-9A-Za-z]?)");

    private final Pipe keyboard;
    private final Screen screen = new Screen();
    private final Terminal terminal;
    /** How much of the screen text earlier expectations have consumed. */
    private int seen;

    public ScriptedTerminal() {
        this("ansi");
    }

    /** A terminal of JLine type {@code type}; on {@link Terminal#TYPE_DUMB} JLine draws no typed text. */
    public ScriptedTerminal(String type) {
        try {
            keyboard = Pipe.open();
            InputStream keys = Channels.newInputStream(keyboard.source());
            terminal = new DumbTerminal("scripted", type, keys, screen, StandardCharsets.UTF_8);
            terminal.setSize(new Size(200, 50));
            // As a tty's line discipline has them: Ctrl-C raises SIGINT (never reaching the line
            // editor as a key), Ctrl-D on an empty line is the end of input.
            Attributes tty = terminal.getAttributes();
            tty.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            tty.setControlChar(Attributes.ControlChar.VINTR, CTRL_C);
            tty.setControlChar(Attributes.ControlChar.VEOF, CTRL_D);
            // The other signal keys too: one left unset reads as -1, the end of input, as a signal.
            tty.setControlChar(Attributes.ControlChar.VQUIT, 0x1c);
            tty.setControlChar(Attributes.ControlChar.VSUSP, 0x1a);
            tty.setControlChar(Attributes.ControlChar.VSTATUS, 0x14);
            terminal.setAttributes(tty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Terminal terminal() {
        return terminal;
    }

    /** Types {@code keys} (no Enter unless they hold {@code \n}). */
    public ScriptedTerminal type(String keys) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                keyboard.sink().write(bytes);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types {@code line} and Enter. */
    public ScriptedTerminal typeLine(String line) {
        return type(line + "\n");
    }

    /** Ends the input, as Ctrl-D on an empty line or the end of a piped script does. */
    public void endInput() {
        try {
            keyboard.sink().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the screen, after what earlier expectations consumed, shows {@code text}, and
     * returns what it showed up to and including it. Fails with the screen so far on timeout.
     */
    public String expect(String text) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        synchronized (screen) {
            while (true) {
                String shown = screenText();
                int at = shown.indexOf(text, seen);
                if (at >= 0) {
                    String upTo = shown.substring(seen, at + text.length());
                    seen = at + text.length();
                    return upTo;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("the screen did not show \"" + text + "\" within " + TIMEOUT_MS
                            + " ms; after what was expected before, it shows:\n" + shown.substring(seen));
                }
                try {
                    screen.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Everything the screen has shown so far, as text. */
    public String screenText() {
        synchronized (screen) {
            String raw = screen.toString(StandardCharsets.UTF_8);
            return ESCAPES.matcher(raw).replaceAll("").replace("\r\n", "\n").replace('\r', '\n');
        }
    }

    @Override
    public void close() {
        try {
            keyboard.sink().close();
            keyboard.source().close();
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The terminal's output: kept, and every write wakes whoever waits for it. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

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

        synchronized String toString(java.nio.charset.Charset charset) {
            return bytes.toString(charset);
        }
    }
}
