package io.parley.protocol.directory;

import io.parley.protocol.ConnectionErrors;
import java.util.function.Consumer;

/**
 * How a directory listener behaves (spec: {@code shared/specs/directory.md}).
 *
 * @param console where the server's status lines go, one line per call (the spec prints one when
 *     a connection opens and one when it closes). Called on event loops, so it must be quick:
 *     the server's stdout, which an operator's terminal or a pipe drains.
 */
public record DirectorySettings(Consumer<String> console) {

    /** The longest command line, in bytes without its line end: the spec's 4 KiB. */
    public static final int MAX_LINE_BYTES = 4 * 1024;
    /** Errors in the spec's form, ours beyond it: 429 refused, 408 no command in time, 503 stopping. */
    public static final ConnectionErrors CONNECTION_ERRORS = new ConnectionErrors(
            "ERR 429 too many connections from your address\n", "ERR 408 no command in time\n",
            "ERR 503 server shutting down\n");
}
