package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley backup}: a copy taken while a server runs and writes is a consistent, complete
 * store a second server starts on and serves the history from; mistakes are one line and exit 1.
 */
class BackupCommandTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run backup(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("backup"));
        command.addAll(List.of(args));
        int exitCode = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(command.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private ServerUnderTest serve(Path data) throws Exception {
        ServerUnderTest server = ServerUnderTest.start(data);
        open.add(server);
        return server;
    }

    /** Sends {@code text} as {@code name} on a line connection and waits for its echo (so it is stored). */
    private static void say(WireClient line, String name, String text) {
        line.send(text + "\n");
        while (!line.readLine().equals(name + ": " + text)) {
            // a join notice may come first; readLine fails the test on a timeout
        }
    }

    @Test
    void aBackupTakenWhileTheServerWritesIsAConsistentStoreASecondServerServesTheHistoryFrom() throws Exception {
        Path data = dir.resolve("data");
        ServerUnderTest first = serve(data);
        AccountWire carol = first.login("carol", "carols password"); // her session sees the lobby's messages
        WireClient alice = first.connect("line");
        alice.send("alice\n");
        say(alice, "alice", "before the backup");

        // bob writes all through the backup: the copy must hold a prefix of his messages, each once
        WireClient bob = first.connect("line");
        bob.send("bob\n");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger stored = new AtomicInteger(); // echoed, so stored: a message only sent may not be yet
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                say(bob, "bob", "during " + stored.get());
                stored.incrementAndGet();
            }
        });
        while (stored.get() < 20) {
            Thread.onSpinWait(); // some of bob's messages before the backup starts
        }
        Path copy = dir.resolve("parley-backup.db");
        Run run = backup("--data", data.toString(), "--out", copy.toString());
        stop.set(true);
        writer.get(30, TimeUnit.SECONDS);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).startsWith("Backed up " + data.resolve("parley.db") + " to "
                + copy + " (").endsWith(" bytes)");
        assertThat(run.out().lines().toList().get(1)).isEqualTo("Keep a copy of " + data.resolve("server-key.pem")
                + " too (it does not change): without it a restored server makes a new key, and account clients warn"
                + " that the server's key changed");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(dir).isDirectoryNotContaining("glob:**.partial");
        List<String> bobs = texts(copy, "bob");
        assertThat(bobs).as("a prefix of bob's messages, in order, each once").hasSizeGreaterThanOrEqualTo(20);
        for (int i = 0; i < bobs.size(); i++) {
            assertThat(bobs.get(i)).isEqualTo("during " + i);
        }
        assertThat(texts(copy, "alice")).containsExactly("before the backup");
        carol.close();

        // the first server goes on running; a second one starts on a data directory made from the copy
        Path restored = dir.resolve("restored");
        Files.createDirectory(restored);
        Files.copy(copy, restored.resolve("parley.db"));
        ServerUnderTest second = serve(restored);
        WireClient account = second.connect("account");
        StoredLobbyHistory.login(account, "carol", "carols password"); // her account came along
        account.send("C CH\n");
        List<String> history = new ArrayList<>();
        for (String line = account.readLine(); !line.startsWith("C OK "); line = account.readLine()) {
            history.add(line);
        }
        assertThat(history).hasSize(1 + bobs.size());
        assertThat(history.get(0)).endsWith(" BM alice lobby before the backup");
        assertThat(history.get(history.size() - 1)).endsWith(" BM bob lobby during " + (bobs.size() - 1));

        say(alice, "alice", "the first server still serves"); // the backup took nothing from it
    }

    @Test
    void worksWithNoServerRunning() throws Exception {
        Path data = dir.resolve("data");
        ServerUnderTest server = ServerUnderTest.start(data);
        try (WireClient alice = server.connect("line")) {
            alice.send("alice\n");
            say(alice, "alice", "stored");
        } finally {
            server.close();
        }
        Path copy = dir.resolve("copy.db");

        Run run = backup("--data", data.toString(), "--out", copy.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(texts(copy, "alice")).containsExactly("stored");
        assertThat(data.resolve("parley.lock")).as("the lock is the server's business").exists();
    }

    @Test
    void anExistingOutputIsRefusedUnlessForced() throws Exception {
        Path data = dir.resolve("data");
        serve(data);
        Path copy = dir.resolve("copy.db");
        Files.writeString(copy, "an older backup");

        Run refused = backup("--data", data.toString(), "--out", copy.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo(copy + " already exists; give another --out FILE, or --force to replace it"
                + System.lineSeparator());
        assertThat(Files.readString(copy)).isEqualTo("an older backup");

        Run forced = backup("--data", data.toString(), "--out", copy.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(texts(copy, "nobody")).isEmpty(); // a database now
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
    }

    @Test
    void noSuchDataDirectoryIsOneLine() {
        Path missing = dir.resolve("missing");

        Run run = backup("--data", missing.toString(), "--out", dir.resolve("copy.db").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("no data directory " + missing + "; give --data the server's data directory"
                + System.lineSeparator());
        assertThat(missing).doesNotExist();
    }

    @Test
    void aDirectoryWithoutAStoreIsOneLineAndGetsNoStore() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        Run run = backup("--data", empty.toString(), "--out", dir.resolve("copy.db").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("no Parley store in " + empty + " (no parley.db); give --data the server's"
                + " data directory" + System.lineSeparator());
        assertThat(empty).isEmptyDirectory();
    }

    @Test
    void anOutputInAMissingDirectoryIsOneLine() throws Exception {
        Path data = dir.resolve("data");
        serve(data);
        Path copy = dir.resolve("nowhere/copy.db");

        Run run = backup("--data", data.toString(), "--out", copy.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("cannot write the backup " + copy.toAbsolutePath() + ": no directory "
                + copy.toAbsolutePath().getParent() + "; create it first or give --out a file in an existing directory"
                + System.lineSeparator());
    }

    @Test
    void theDatabaseItselfIsNeverTheOutput() throws Exception {
        Path data = dir.resolve("data");
        serve(data);
        Path database = data.resolve("parley.db");

        Run run = backup("--data", data.toString(), "--out", database.toString(), "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(database + " is the database itself; ");
    }

    @Test
    void onlyTheStoresOwnerBacksItUpSoNoFileBesideItChangesHands() throws Exception {
        Path data = dir.resolve("data");
        ServerUnderTest.start(data).close();
        Path database = data.resolve("parley.db");
        int me = (Integer) Files.getAttribute(database, "unix:uid");
        Assumptions.assumeTrue(me == 0, "only root can give the store to another user");
        Files.setAttribute(database, "unix:uid", 65534); // nobody's, as a server's store is its own user's
        String owner = Files.getOwner(database).getName();

        Run run = backup("--data", data.toString(), "--out", dir.resolve("copy.db").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(database + " belongs to " + owner + "; run the backup as that user (sudo -u "
                + owner + " parley backup ...), so the files SQLite keeps beside it stay the server's"
                + System.lineSeparator());
        assertThat(data.resolve("parley.db-shm")).doesNotExist();
        assertThat(dir.resolve("copy.db")).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.partial");
    }

    /** The texts {@code author} wrote, in order, read straight from a database file. */
    private static List<String> texts(Path database, String author) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("SELECT text FROM messages WHERE author = '" + author
                        + "' AND kind = 'CHAT' ORDER BY id")) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }
}
