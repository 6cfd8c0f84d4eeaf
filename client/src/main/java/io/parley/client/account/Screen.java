package io.parley.client.account;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The terminal as the client uses it: prompts and reads on the session thread, and prints from
 * any thread above the line being typed. Keys as in a shell: Ctrl-C drops the line being typed
 * and asks again; Ctrl-D on an empty line (or the end of piped input) ends the input.
 *
 * <p>Thread-safety: {@link #print} is thread-safe (JLine's {@code printAbove} holds the reader's
 * lock and redraws the prompt and the typed text below what it printed); the read methods are for
 * the session thread only.
 */
final class Screen {

    /** JLine's mask that echoes nothing at all. */
    private static final Character NO_ECHO = (char) 0;

    private final LineReader reader;
    private final boolean dumb;
    /** Set by {@link #sessionEnded}: from then on a read ends the input instead of asking again. */
    private volatile boolean sessionOver;

    Screen(Terminal terminal) {
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                // No input history: the arrow keys would bring back private messages.
                .variable(LineReader.HISTORY_SIZE, 0)
                // Messages are literal: no !-history expansion, no backslash escapes.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        String type = terminal.getType();
        this.dumb = Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type);
    }

    String readLine(String prompt) throws InputClosed {
        return read(prompt, null);
    }

    /** A line that is not shown while typed (a password). */
    String readSecret(String prompt) throws InputClosed {
        // On a dumb terminal JLine 3.30 masks with a thread that keeps rewriting the prompt even
        // after the line is read. It has nothing to hide there: JLine draws no typed text on a
        // dumb terminal and turns the tty's echo off where there is a tty.
        return read(prompt, dumb ? null : NO_ECHO);
    }

    /**
     * The session is over: a read in progress or to come ends with {@link InputClosed}. Thread-safe;
     * call it before interrupting the session thread, so the read it wakes tells this from Ctrl-C.
     */
    void sessionEnded() {
        sessionOver = true;
    }

    /** Prints {@code text} (one or more lines) above the prompt, if one is showing. */
    void print(String text) {
        reader.printAbove(text);
    }

    private String read(String prompt, Character mask) throws InputClosed {
        while (!sessionOver) {
            try {
                return reader.readLine(prompt, mask);
            } catch (EndOfFileException e) {
                throw new InputClosed();
            } catch (UserInterruptException e) {
                // Ctrl-C (JLine interrupts this thread for it), or the end of the session: only
                // the flag tells them apart. After Ctrl-C the typed line is gone; ask again.
                Thread.interrupted();
            }
        }
        Thread.interrupted(); // the interrupt that announced the end, if it is still pending
        throw new InputClosed();
    }
}
