package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's files on disk: who may read them, a full disk, a damaged database. */
class StoreFilesTest {

    @TempDir
    Path parent;

    @Test
    void aNewStoreIsReadableByItsOwnerOnly() throws Exception {
        Path data = parent.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            store.rooms().create("lobby").toCompletableFuture().join(); // the WAL now exists
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String name : new String[] {"parley.db", "parley.db-wal", "parley.db-shm"}) {
                assertThat(data.resolve(name)).exists();
                assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingStoreHasItsFilesNarrowedButNotItsDirectory() throws Exception {
        Path data = parent.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            store.rooms().create("lobby").toCompletableFuture().join();
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("parley.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (SqliteStore store = SqliteStore.open(data)) {
            // It may be the user's own directory (--data .): not Parley's to change.
            assertThat(mode(data)).isEqualTo("rwxr-xr-x");
            assertThat(mode(data.resolve("parley.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aFullDiskIsReportedAsSuchWithThePath() throws Exception {
        Path data = parent.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            // The database may not grow past its present size: what a full disk does to a write.
            store.query(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA max_page_count = " + pageCount(statement));
                }
                return null;
            }).join();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            ChatMessage big = new ChatMessage(1, Instant.now(), lobby.ref(), "bob", ChatMessage.Kind.CHAT,
                    "x".repeat(200_000));
            store.events().append(Drafts.posted(lobby, big), Drafts.outcome(outcome::complete));

            Throwable failure = outcome.get(10, TimeUnit.SECONDS);
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("disk full").contains(data.resolve("parley.db").toString())
                    .doesNotContain("no transaction is active");

            // Space again: writing resumes.
            store.query(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA max_page_count = 1000000");
                }
                return null;
            }).join();
            CompletableFuture<Throwable> retried = new CompletableFuture<>();
            store.events().append(Drafts.posted(lobby, big), Drafts.outcome(retried::complete));
            assertThat(retried.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aDamagedDatabaseIsFoundAtStartAndNamed() throws Exception {
        Path data = parent.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            for (int i = 1; i <= 200; i++) {
                CompletableFuture<Throwable> stored = new CompletableFuture<>();
                store.events().append(Drafts.posted(lobby, new ChatMessage(i, Instant.now(), lobby.ref(), "bob",
                        ChatMessage.Kind.CHAT, "message " + i + " " + "z".repeat(200))), Drafts.outcome(stored::complete));
                assertThat(stored.get(10, TimeUnit.SECONDS)).isNull();
            }
        }
        Path file = data.resolve("parley.db");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[4096];
            Arrays.fill(junk, (byte) 0x5a);
            raw.seek(raw.length() / 2 / 4096 * 4096); // a whole page in the middle of the messages
            raw.write(junk);
        }

        assertThatThrownBy(() -> SqliteStore.open(data).close())
                .isInstanceOf(DamagedStoreException.class)
                .hasMessageStartingWith(file + " is damaged")
                .hasMessageContaining("move it aside")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFileThatIsNotADatabaseIsNamed() throws Exception {
        Path data = Files.createDirectories(parent.resolve("data"));
        Files.writeString(data.resolve("parley.db"), "not a database, but a file long enough to hold a header ".repeat(10));

        assertThatThrownBy(() -> SqliteStore.open(data).close())
                .isInstanceOf(DamagedStoreException.class)
                .hasMessageStartingWith(data.resolve("parley.db") + " is not a readable Parley database");
    }

    private static long pageCount(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("PRAGMA page_count")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
