package io.parley.server;

import io.parley.bench.BenchCommand;
import io.parley.client.ClientCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code parley}: the one entry point of the jar; each job is a subcommand. Errors an operator
 * can fix ({@link StartupException}, a malformed command line) are one line on stderr, with exit
 * code 1 (2 for a command line picocli cannot parse); anything unexpected keeps its stack trace.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "Parley 0.1.0",
        description = "One chat server for many chat protocols, sharing its rooms between them.",
        footer = {"", "Each command has its own flags: 'parley serve --help' lists the server's (ports, --bind,"
                + " --data, --config), 'parley client --help' and 'parley bench --help' theirs."},
        subcommands = {ServeCommand.class, ClientCommand.class, BenchCommand.class, TlsCommand.class, BackupCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Parley's error handling; tests run it in-process. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof StartupException) {
                        command.getErr().println(e.getMessage());
                        command.getErr().flush();
                        return 1;
                    }
                    throw e;
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine command = e.getCommandLine();
                    String didYouMean = e instanceof CommandLine.UnmatchedArgumentException unmatched
                            && !unmatched.getSuggestions().isEmpty()
                            ? " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)" : "";
                    command.getErr().println(e.getMessage() + didYouMean + "; see '"
                            + command.getCommandSpec().qualifiedName() + " --help'");
                    command.getErr().flush();
                    return command.getCommandSpec().exitCodeOnInvalidInput();
                });
    }
}
