package io.parley.client.directory;

import io.parley.client.ClientTls;
import io.parley.client.TlsOptions;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley client directory [host] [port]}: the chat room directory client, in this terminal. */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = {"The chat room directory client (directory.md): list, make and delete rooms on a "
                + "directory server, and chat in them over IP multicast.",
                "Commands at its prompt: connect, getdir, makeroom, deleteroom, bye, name, chat, help, quit."})
public final class DirectoryClientCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", defaultValue = "localhost",
            description = "The directory server connect uses (default: ${DEFAULT-VALUE}).")
    private String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT",
            defaultValue = "" + DirectoryClientSettings.DEFAULT_PORT, description = "Its port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "The network interface (name or address) to chat on. Default: the loopback interface "
                    + "when the directory server is on a loopback address, otherwise the system's choice.")
    private String multicastInterface;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Your chat name (default: your login name).")
    private String chatName;

    @Mixin
    private TlsOptions tlsOptions;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            System.err.println("The port must be 1-65535, not " + port + ".");
            return 2;
        }
        String name = chatName != null ? chatName : System.getProperty("user.name", "anonymous");
        ClientTls tls;
        try {
            tls = tlsOptions.clientTls();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        DirectoryClientSettings settings = new DirectoryClientSettings(host, port, name,
                Optional.ofNullable(multicastInterface), DirectoryClientSettings.FIRST_REPLY_TIMEOUT, tls);
        // dumb(true): with stdin not a terminal (a pipe, a script), run on a dumb terminal quietly.
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            new DirectoryClient(terminal, settings).run();
        }
        return 0;
    }
}
