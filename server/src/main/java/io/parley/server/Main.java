package io.parley.server;

import io.parley.bench.BenchCommand;
import io.parley.client.ClientCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parley}: the one entry point of the jar; each job is a subcommand. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "Parley 0.1.0",
        description = "One chat server for many chat protocols, sharing its rooms between them.",
        subcommands = {ServeCommand.class, ClientCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
