package io.parley.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.NameTakenException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Look-alike registrations across nodes: each node knows only the names it has heard of, so the
 * shared store refuses the second of two look-alike accounts ({@code account_lookalikes}), however
 * close together two nodes commit them.
 */
class PgLookalikesTest {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void ofTwoLookalikeRegistrationsOnTwoNodesAtOnceExactlyOneIsStored() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a");
                PostgresStore b = PostgresStore.open(database.url(), "b")) {
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 20; i++) {
                    String onA = "alice" + i;
                    String onB = "aIice" + i; // a capital I: looks like alice
                    CountDownLatch go = new CountDownLatch(1);
                    Future<Boolean> byA = nodes.submit(() -> created(a, onA, go));
                    Future<Boolean> byB = nodes.submit(() -> created(b, onB, go));
                    go.countDown();
                    assertThat(List.of(byA.get(), byB.get())).as(onA).containsExactlyInAnyOrder(true, false);
                }
            } finally {
                nodes.shutdown();
            }
            assertThat(b.presence().orElseThrow().registered("aIice3")).as("found by its look-alike")
                    .hasValueSatisfying(name -> assertThat(name).isIn("alice3", "aIice3"));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM accounts")) {
                rows.next();
                assertThat(rows.getInt(1)).as("no account of a refused registration is left").isEqualTo(20);
            }
        }
    }

    @Test
    void accountsRegisteredBeforeTheKeysAreGuardedOnceANodeOpensTheStore() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.url(), "a")) {
            a.accounts().create(account("alice")).toCompletableFuture().join();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM account_lookalikes"); // as a store of V6 left it
        }
        try (PostgresStore b = PostgresStore.open(database.url(), "b")) {
            CompletableFuture<Void> lookalike = b.accounts().create(account("aIice")).toCompletableFuture();
            assertThatThrownBy(lookalike::join).hasCauseInstanceOf(NameTakenException.class);
            CompletableFuture<Void> same = b.accounts().create(account("ALICE")).toCompletableFuture();
            assertThatThrownBy(same::join).hasCauseInstanceOf(NameTakenException.class);
            b.accounts().create(account("Erin")).toCompletableFuture().join();
        }
    }

    private static boolean created(PostgresStore store, String name, CountDownLatch go) throws InterruptedException {
        go.await();
        try {
            store.accounts().create(account(name)).toCompletableFuture().join();
            return true;
        } catch (RuntimeException e) {
            assertThat(NameTakenException.in(e)).as(e.toString()).isTrue();
            return false;
        }
    }

    private static AccountRecord account(String name) {
        return new AccountRecord(name, "hash", Optional.empty());
    }
}
