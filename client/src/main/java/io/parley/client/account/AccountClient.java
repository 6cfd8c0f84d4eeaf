package io.parley.client.account;

import io.parley.client.ClientTls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import org.jline.terminal.Terminal;

/**
 * One run of the account client (spec: {@code shared/specs/account.md}, "Client"): load or make
 * the user's key pair, connect, log in, keep the files (only now: a failed login writes nothing
 * under the home), then the command prompt until EX, the end of input, or the server ends the
 * session.
 *
 * <p>Threads: {@link #run} runs on the calling thread, the session thread, which reads the
 * keyboard and waits for replies. The connection's reader thread prints deliveries as they come
 * and, when the server ends the session, interrupts the session thread, which wakes from its
 * keyboard read or reply wait, says why and returns. Not thread-safe: call {@link #run} once.
 */
public final class AccountClient {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    private final AccountTarget target;
    private final ClientHome home;
    private final boolean trustChangedServerKey;
    private final Screen screen;
    private final Duration firstReplyTimeout;
    private final ClientTls tls;

    public AccountClient(AccountTarget target, ClientHome home, boolean trustChangedServerKey, Terminal terminal) {
        this(target, home, trustChangedServerKey, terminal, ClientTls.PLAINTEXT);
    }

    /** Connecting as {@code tls} says: plaintext, or TLS checking the server's certificate. */
    public AccountClient(AccountTarget target, ClientHome home, boolean trustChangedServerKey, Terminal terminal,
            ClientTls tls) {
        this(target, home, trustChangedServerKey, terminal, Login.FIRST_REPLY_TIMEOUT, tls);
    }

    AccountClient(AccountTarget target, ClientHome home, boolean trustChangedServerKey, Terminal terminal,
            Duration firstReplyTimeout) {
        this(target, home, trustChangedServerKey, terminal, firstReplyTimeout, ClientTls.PLAINTEXT);
    }

    /** With how long the server may take to answer {@code USER} before the client gives up. */
    AccountClient(AccountTarget target, ClientHome home, boolean trustChangedServerKey, Terminal terminal,
            Duration firstReplyTimeout, ClientTls tls) {
        this.tls = tls;
        this.target = target;
        this.home = home;
        this.trustChangedServerKey = trustChangedServerKey;
        this.screen = new Screen(terminal);
        this.firstReplyTimeout = firstReplyTimeout;
    }

    /** Runs the session; returns {@link #EXIT_OK} after EX or the end of input, else {@link #EXIT_FAILED}. */
    public int run() {
        UserKeyPair keys;
        try {
            keys = UserKeyPair.loadOrGenerate(home.keyFile(target.username()));
        } catch (IOException | GeneralSecurityException e) {
            screen.print("Cannot read or create your key pair " + home.keyFile(target.username()) + ": " + e);
            return EXIT_FAILED;
        }
        MessageDecryptor decryptor = new MessageDecryptor(keys.keys().getPrivate());
        Deliveries deliveries = new Deliveries(decryptor);
        Thread session = Thread.currentThread();
        ServerConnection connection;
        try {
            connection = ServerConnection.open(target.host(), target.port(), tls, new ServerConnection.Listener() {
                @Override
                public void delivery(String line) {
                    screen.print(deliveries.render(line));
                }

                @Override
                public void ended(String reason) {
                    screen.sessionEnded();
                    session.interrupt();
                }
            });
        } catch (IOException e) {
            screen.print("Cannot connect to " + target.server() + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        try (connection) {
            return converse(connection, keys, decryptor);
        } finally {
            Thread.interrupted(); // the reader has stopped (close joins it): drop an interrupt it left
        }
    }

    private int converse(ServerConnection connection, UserKeyPair keys, MessageDecryptor decryptor) {
        Composer composer = new Composer(screen);
        ServerKeyCheck keyCheck = new ServerKeyCheck(new KnownServers(home.knownServers()), screen, trustChangedServerKey);
        try {
            Login login = new Login(connection, screen, keyCheck, target, keys.keys().getPublic(), firstReplyTimeout);
            login.run();
            keepFiles(keys, keyCheck);
            login.registerKey();
            SentMessages sent = new SentMessages(home.sentLog(target.username()), keys.keys().getPublic());
            new CommandLoop(connection, screen, Map.of(
                    "BM", new BroadcastOperation(connection, screen, composer),
                    "PM", new PrivateMessageOperation(connection, screen, composer, target.username(), sent),
                    "CH", new HistoryOperation(connection, screen, new HistoryTable(decryptor, target.username(), sent)),
                    CommandLoop.EXIT, new ExitOperation(connection, screen))).run();
            return EXIT_OK;
        } catch (SessionEnded e) {
            screen.print(e.getMessage());
            // A failure while the server was closing: say that too (after ERR 429, say).
            connection.endReason().filter(reason -> !reason.equals(e.getMessage())).ifPresent(screen::print);
            return EXIT_FAILED;
        } catch (InputClosed e) {
            if (connection.endReason().isPresent()) {
                screen.print(connection.endReason().get());
                return EXIT_FAILED;
            }
            screen.print(ExitOperation.BYE); // the user left in the middle: closing is EX enough
            return EXIT_OK;
        }
    }

    /** Once logged in, and not before: the home (owner-only), a new key pair, a new server key. */
    private void keepFiles(UserKeyPair keys, ServerKeyCheck keyCheck) {
        try {
            home.secure();
            keys.saveIfNew();
            keyCheck.rememberTrusted();
        } catch (IOException e) {
            screen.print("Cannot write to " + home.dir() + " (" + e + "): private messages to you may not be readable "
                    + "after this session, and this server's key is not remembered.");
        }
    }
}
