package io.parley.client.account;

import io.parley.client.ClientTls;
import io.parley.client.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley client account <host> <port> <username>}: the interactive client of the account
 * protocol. Runs on the calling thread until the session ends.
 */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = {"Log in to an account server and chat: broadcast (BM), private messages (PM, end-to-end "
                + "encrypted), chat history (CH), exit (EX).",
            "Keys live under the home directory (yours only, written once a login succeeds): keys/<username>.pem "
                + "(your key pair), known_servers (the key each server sent first; a changed key is refused unless "
                + "you type yes) and sent/<username> (your own copies of the private messages you send).",
            "Ctrl-C clears the line being typed; Ctrl-D on an empty line exits."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:left with EX or the end of input", "1:the login failed or the server ended the session",
            "2:invalid arguments, or a --tls-ca file that cannot be read"})
public final class AccountCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "HOST", description = "The server's host name or address.")
    private String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "The server's account port (Parley's default: 7713).")
    private int port;

    @Parameters(index = "2", paramLabel = "USERNAME", description = "Your user name; a new one is registered.")
    private String username;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Where keys are kept (default: the parley.home system property, else ~/.parley).")
    private Path home;

    @Option(names = "--trust-changed-server-key",
            description = "Accept a server key that differs from the remembered one without asking (still warns).")
    private boolean trustChangedServerKey;

    @Mixin
    private TlsOptions tlsOptions;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "PORT must be 1-65535, not " + port);
        }
        Optional<String> problem = AccountTarget.usernameProblem(username);
        if (problem.isPresent()) {
            throw new ParameterException(spec.commandLine(), "USERNAME: " + problem.get());
        }
        ClientTls tls;
        try {
            tls = tlsOptions.clientTls();
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        try (Terminal terminal = TerminalBuilder.builder().name("parley").system(true).dumb(true).build()) {
            return new AccountClient(new AccountTarget(host, port, username), ClientHome.resolve(home),
                    trustChangedServerKey, terminal, tls).run();
        }
    }
}
