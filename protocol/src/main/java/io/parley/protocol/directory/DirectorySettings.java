package io.parley.protocol.directory;

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
}
