package io.parley.server;

import io.parley.client.directory.DirectoryClient;
import io.parley.client.directory.DirectoryClientSettings;
import io.parley.testing.ScriptedTerminal;
import java.util.Optional;

/**
 * {@code parley client directory 127.0.0.1 <port>} run in the test, on a {@link ScriptedTerminal}:
 * the test types, and expects what a person would see. The client runs on its own thread until
 * its input ends.
 */
final class TerminalClient implements AutoCloseable {

    private final ScriptedTerminal screen = new ScriptedTerminal();
    private final Thread thread;

    TerminalClient(int directoryPort, String loginName) {
        DirectoryClientSettings settings = new DirectoryClientSettings("127.0.0.1", directoryPort, loginName,
                Optional.empty());
        thread = new Thread(() -> new DirectoryClient(screen.terminal(), settings).run(), "client-" + loginName);
        thread.start();
        screen.expect("parley> ");
    }

    /** Types {@code line} and Enter. */
    TerminalClient type(String line) {
        screen.typeLine(line);
        return this;
    }

    /** Types {@code keys} without Enter, and waits for the line editor to echo them. */
    TerminalClient startTyping(String keys) {
        screen.type(keys);
        screen.expect(keys);
        return this;
    }

    /** Presses Ctrl-]. */
    TerminalClient ctrlBracket() {
        screen.type("\u001d");
        return this;
    }

    /** Waits for the screen to show {@code text}; returns what it showed up to it. */
    String expect(String text) {
        return screen.expect(text);
    }

    /** Everything the screen has shown. */
    String screenText() {
        return screen.screenText();
    }

    /** Ends the input and waits for the client to finish (it says bye if it is connected). */
    @Override
    public void close() throws InterruptedException {
        screen.endInput();
        thread.join(ScriptedTerminal.TIMEOUT_MS);
        screen.close();
        if (thread.isAlive()) {
            throw new AssertionError("the client did not end with its input");
        }
    }
}
