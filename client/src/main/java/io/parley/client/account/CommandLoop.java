package io.parley.client.account;

import java.util.Locale;
import java.util.Map;

/**
 * The prompt state: asks for a command and runs it, until EX. The end of input (Ctrl-D on an
 * empty line) at the prompt is EX too; elsewhere it propagates and the connection is simply
 * closed, which the spec treats like EX. Ctrl-C only drops the line being typed ({@link Screen}).
 * Session thread only.
 */
final class CommandLoop {

    static final String PROMPT =
            "Please enter a command (BM: Broadcast Messaging, PM: Private Messaging, CH: Chat History, EX: Exit):";

    static final String EXIT = "EX";

    private final ServerConnection connection;
    private final Screen screen;
    private final Map<String, Operation> operations;

    /** {@code operations} by command name, {@link #EXIT} among them. */
    CommandLoop(ServerConnection connection, Screen screen, Map<String, Operation> operations) {
        this.connection = connection;
        this.screen = screen;
        this.operations = Map.copyOf(operations);
    }

    void run() throws SessionEnded, InputClosed {
        while (true) {
            String command;
            try {
                // The prompt is a line of its own, typed on the next: printAbove keeps both together.
                command = screen.readLine(PROMPT + "\n").strip().toUpperCase(Locale.ROOT);
            } catch (InputClosed e) {
                if (connection.endReason().isPresent()) {
                    throw e;
                }
                command = EXIT;
            }
            Operation operation = operations.get(command);
            if (operation == null) {
                if (!command.isEmpty()) {
                    screen.print("Unknown command " + command + ": BM, PM, CH or EX.");
                }
                continue;
            }
            operation.run();
            if (command.equals(EXIT)) {
                return;
            }
        }
    }
}
