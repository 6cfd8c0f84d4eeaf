package io.parley.client.account;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The terminal as the client uses it: prompts and reads on the session thread, and prints from
 * any thread above the line being typed.
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

    /** Prints {@code text} (one or more lines) above the prompt, if one is showing. */
    void print(String text) {
        reader.printAbove(text);
    }

    private String read(String prompt, Character mask) throws InputClosed {
        if (Thread.interrupted()) {
            throw new InputClosed(); // the session ended while we were busy elsewhere
        }
        try {
            return reader.readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new InputClosed();
        }
    }
}
