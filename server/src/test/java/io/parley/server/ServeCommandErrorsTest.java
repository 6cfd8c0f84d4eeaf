package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.account.AccountRecord;
import io.parley.protocol.account.AccountModule;
import io.parley.store.SqliteStore;
import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} with a mistake an operator makes: each is one line on stderr naming the
 * cause and the fix, exit code 1, and nothing printed as listening. Runs Main's command line
 * in-process; a start that wrongly succeeded would block, hence the timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeCommandErrorsTest {

    /**
     * Shared by the command-line runs and the in-process servers of one test (ServerUnderTest, not
     * ParleyExtension: these servers are the other party of a command-line run, over its data).
     */
    @TempDir
    Path data;

    /** What a run of the command line printed, and its exit code. */
    private record Run(int exitCode, String err, String out) {}

    private Run serve(String... flags) {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(flags));
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8)); // the listening lines go here
        try {
            int exitCode = Main.commandLine().setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
            return new Run(exitCode, err.toString(), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    /** Free ports for every listener but those {@code flags} set, on loopback, with data in the temp dir. */
    private Run serveOnLoopback(String... flags) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--data", data.toString(), "--bind", "127.0.0.1",
                "--admin", "off"));
        options.putAll(ListenerFlags.every("0"));
        for (int i = 0; i < flags.length; i += 2) {
            options.put(flags[i], flags[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((flag, value) -> args.addAll(List.of(flag, value)));
        return serve(args.toArray(String[]::new));
    }

    private static void assertOneLine(Run run, String line) {
        assertThat(run.err()).as("stderr").isEqualTo(line + System.lineSeparator());
        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.out()).as("stdout: nothing listening").isEmpty();
    }

    @Test
    void aPortInUseNamesThePortItsProtocolAndTheFlagsAndReleasesThePortsBoundBefore() throws IOException {
        int tcdPort = freePort();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = serveOnLoopback("--tcd", Integer.toString(tcdPort), "--directory", Integer.toString(port));

            assertOneLine(run, "cannot listen on 127.0.0.1 port " + port + " (directory): address already in use;"
                    + " choose another with --directory PORT or turn it off with --directory off");
        }
        try (ServerSocket again = new ServerSocket(tcdPort, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the TCD port, bound before the failure, is free again")
                    .isEqualTo(tcdPort);
        }
    }

    @Test
    void anAdminPortInUseNamesItAndTheFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = serveOnLoopback("--admin", Integer.toString(port));

            assertOneLine(run, "cannot listen on 127.0.0.1 port " + port + " (admin): address already in use;"
                    + " choose another with --admin PORT or turn it off with --admin off");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void onlyAnUnknownProtocolIsOneLineListingTheKnownOnes() {
        assertOneLine(serveOnLoopback("--only", "tcd,gopher"), "--only names no protocol this server speaks: gopher;"
                + " the protocols are tcd, line, account, directory, irc, web");
    }

    /**
     * With {@code --only web}, the TCD port (bound first, and taken) is never tried: the error is
     * the web listener's, the one protocol left on.
     */
    @Test
    void onlyLeavesTheOtherProtocolsUnbound() throws IOException {
        try (ServerSocket tcd = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = serveOnLoopback("--only", "web", "--tcd", Integer.toString(tcd.getLocalPort()),
                    "--web", Integer.toString(web.getLocalPort()));

            assertOneLine(run, "cannot listen on 127.0.0.1 port " + web.getLocalPort() + " (web): address already in"
                    + " use; choose another with --web PORT or turn it off with --web off");
        }
    }

    @Test
    void aPortThatIsNotANumber() {
        assertOneLine(serveOnLoopback("--tcd", "abc"), "--tcd must be a port (0-65535) or off, not abc");
    }

    @Test
    void aPortOutOfRange() {
        assertOneLine(serveOnLoopback("--line", "99999"), "--line must be a port (0-65535) or off, not 99999");
    }

    @Test
    void aBusWithoutASharedStoreNamesTheFlagAndTheFix() {
        assertOneLine(serveOnLoopback("--bus", "nats://127.0.0.1:4222", "--node", "a"),
                "--bus needs a shared store of record: give store.url (--store postgresql://HOST:PORT/DB) on every node");
    }

    @Test
    void aBusThatIsNotANatsUrl() {
        assertOneLine(serveOnLoopback("--bus", "127.0.0.1:4222", "--node", "a", "--store", "postgresql://127.0.0.1/p"),
                "--bus must be nats://HOST:PORT, not 127.0.0.1:4222");
    }

    @Test
    void anUnreachablePostgresqlStoreIsOneLineNamingItsAddress() {
        // Port 1: nothing listens there.
        Run run = serveOnLoopback("--store", "postgresql://127.0.0.1:1/parley?user=parley&password=secret");

        assertThat(run.err()).as("stderr").startsWith("cannot reach the store at postgresql://127.0.0.1:1/parley")
                .doesNotContain("secret").endsWith(System.lineSeparator());
        assertThat(run.err().strip()).as("one line").doesNotContain("\n");
        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.out()).as("stdout: nothing listening").isEmpty();
    }

    @Test
    void aConfigFileThatDoesNotExist() {
        assertOneLine(serve("--config", "nosuch.conf"), "cannot read config file nosuch.conf: no such file;"
                + " give --config a readable file (parley.conf documents every key)");
    }

    @Test
    void aConfigFileWithAnUnknownKey() throws IOException {
        Path file = data.resolve("typo.conf");
        Files.writeString(file, "tcd.prot = 7710\n");

        assertOneLine(serve("--config", file.toString()),
                file + ": unknown configuration key(s) tcd.prot; parley.conf lists every key");
    }

    @Test
    void aConfigFileWithABadValueNamesTheKeyAndTheFile() throws IOException {
        Path file = data.resolve("bad.conf");
        Files.writeString(file, "allow-kill = yes\n");

        assertOneLine(serve("--config", file.toString()),
                "allow-kill in " + file + " must be true or false, not yes");
    }

    @Test
    void anAddressThatIsNotOnThisMachine() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
        assertOneLine(serveOnLoopback("--bind", "192.0.2.1"), "cannot listen on 192.0.2.1 port 0 (tcd): 192.0.2.1"
                + " is not an address of this machine; give --bind one of its addresses, or * for every interface");
    }

    @Test
    void aDataDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(data.resolve("plain-file"), "not a directory");

        assertOneLine(serveOnLoopback("--data", file.toString()), "cannot use data directory " + file
                + ": it is not a directory; use --data DIR with a directory this user can write");
    }

    @Test
    void aDataDirectoryInUseByAnotherServerNamesItsPidAndTheServerKeepsWorking() throws Exception {
        try (ServerUnderTest first = ServerUnderTest.start(data)) {
            Run second = serveOnLoopback();

            assertOneLine(second, data.resolve("parley.db") + " is in use by another Parley (pid "
                    + ProcessHandle.current().pid() + "); use --data DIR");
            WireClient alice = first.connect("line").send("alice\n").send("still here\n");
            while (!alice.readLine().equals("alice: still here")) {
                // other lines (a join notice) may come first; readLine fails the test on a timeout
            }
        }
        // The lock goes with the first server: the directory is free again.
        try (ServerUnderTest again = ServerUnderTest.start(data)) {
            WireClient bob = again.connect("line").send("bob\n").send("back\n");
            while (!bob.readLine().equals("bob: back")) {
                // as above: the restarted server serves, on the same data
            }
        }
    }

    @Test
    void aServerThatCannotBindLeavesTheStoreAndItsOpenAccountSessionsAlone() throws Exception {
        // A session left open, as by a running server (or one killed with -9).
        try (SqliteStore store = SqliteStore.open(data)) {
            store.accounts().create(new AccountRecord("alice", "$argon2id$hash", Optional.empty()))
                    .toCompletableFuture().join();
            store.history().openSession("alice", 0).toCompletableFuture().join();
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = serveOnLoopback("--account", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
        }
        assertThat(openSessions()).as("alice's session, still open").isEqualTo(1);
    }

    private long openSessions() throws Exception {
        String url = "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME).toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM sessions WHERE to_seq IS NULL")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void twoListenersOnOnePortAreNamedBeforeEitherBinds() {
        assertOneLine(serveOnLoopback("--tcd", "40000", "--line", "40000"),
                "--tcd and --line both ask for port 40000; give each listener a port of its own");
    }

    @Test
    void aStoreThatIsNotADatabase() throws IOException {
        Files.writeString(data.resolve(SqliteStore.FILE_NAME), "this is not a database, but it is long enough\n".repeat(50));

        Run run = serveOnLoopback();

        assertThat(run.err()).as("stderr").startsWith(data.resolve(SqliteStore.FILE_NAME) + " is not a readable Parley database")
                .endsWith("; move it aside (with its -wal file) to start with an empty store, or restore it from a backup"
                        + System.lineSeparator())
                .hasLineCount(1);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aServerKeyThatCannotBeRead() throws IOException {
        Path key = data.resolve(AccountModule.SERVER_KEY_FILE);
        Files.writeString(key, "not a key\n");

        assertOneLine(serveOnLoopback(), "cannot read the server key " + key + ": not a PEM PRIVATE KEY; restore it"
                + " from a backup, or delete it to make a new one (clients will warn that it changed)");
    }

    @Test
    void aMisspelledCommandIsOneLineWithTheSuggestion() {
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine().setErr(new PrintWriter(err, true)).execute("sevre");

        assertThat(err.toString()).isEqualTo("Unmatched argument at index 0: 'sevre' (did you mean serve?);"
                + " see 'parley --help'" + System.lineSeparator());
        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void aMalformedCommandLineIsOneLineToo() {
        Run run = serve("--frobnicate"); // near no real flag: picocli would suggest one (--node for --no-...)

        assertThat(run.err()).as("stderr").isEqualTo("Unknown option: '--frobnicate'; see 'parley serve --help'"
                + System.lineSeparator());
        assertThat(run.exitCode()).as("exit code of a usage error").isEqualTo(2);
    }
}
