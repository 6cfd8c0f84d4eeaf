package io.parley.protocol.directory;

import java.util.List;

/**
 * What a directory client sent, decoded (spec: {@code shared/specs/directory.md}). Immutable.
 */
sealed interface DirectoryRequest {

    /**
     * One command line: its first token and the others. Tokens are separated by spaces (tabs
     * too, leniently); the handler checks the verb and the number of arguments.
     */
    record Command(String verb, List<String> arguments) implements DirectoryRequest {

        public Command {
            arguments = List.copyOf(arguments);
        }

        /** The command on {@code line}, or null for a blank line (which gets no reply). */
        static Command parse(String line) {
            String text = line.strip();
            if (text.isEmpty()) {
                return null;
            }
            String[] tokens = text.split("[ \t]+");
            return new Command(tokens[0], List.of(tokens).subList(1, tokens.length));
        }
    }

    /**
     * A line over {@link DirectorySettings#MAX_LINE_BYTES}. It takes that line's place among the
     * requests, so the commands before it are answered first.
     */
    record LineTooLong() implements DirectoryRequest {}
}
