package io.parley.client;

import io.parley.client.account.AccountCommand;
import io.parley.client.directory.DirectoryClientCommand;
import picocli.CommandLine.Command;

/**
 * {@code parley client <protocol> ...}: the interactive terminal clients, one subcommand per
 * protocol that has one.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Run an interactive terminal client.",
        subcommands = {AccountCommand.class, DirectoryClientCommand.class})
public final class ClientCommand {}
