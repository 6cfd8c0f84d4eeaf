package io.parley.store;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.AccountStore;
import io.parley.core.account.NameTakenException;
import io.parley.core.text.NameKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Accounts in the {@code accounts} table, the same SQL for SQLite and PostgreSQL, every statement
 * on the store's writing thread ({@link JdbcWrites}). A name (folded) is registered once: the
 * insert is {@code ON CONFLICT (name_key) DO NOTHING}, so a second {@link #create} of it (another
 * path of this node, or another node of a cluster) is refused ({@link WriteRefusedException})
 * without failing the writes batched with it ({@link NameTakenException}). A {@link Guard} adds
 * what a cluster's store must hold beside (PostgreSQL: the name's look-alike keys, so two
 * look-alike registrations on two nodes cannot both commit). Thread-safe; see {@link AccountStore}.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final String INSERT = "INSERT INTO accounts (name_key, name, password_hash, public_key, created_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING";

    /**
     * What else a new account must hold in the same transaction, or be refused: PostgreSQL's
     * look-alike keys, unique across the cluster's nodes. SQLite's single node needs none (its
     * {@code RegisteredNames} holds look-alikes in memory).
     */
    public interface Guard {
        /** Records {@code account}'s name; false if a look-alike is registered (the account is then undone). */
        boolean admit(Connection connection, AccountRecord account) throws SQLException;
    }

    private static final Guard NONE = (connection, account) -> true;

    private final JdbcWrites writes;
    private final Guard guard;

    public JdbcAccountStore(JdbcWrites writes) {
        this(writes, NONE);
    }

    public JdbcAccountStore(JdbcWrites writes, Guard guard) {
        this.writes = writes;
        this.guard = guard;
    }

    @Override
    public List<String> loadNames() {
        return writes.query(connection -> JdbcRows.all(connection, "SELECT name FROM accounts", row -> row.getString(1)))
                .join();
    }

    @Override
    public CompletionStage<Optional<AccountRecord>> find(String name) {
        return writes.query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, password_hash, public_key FROM accounts WHERE name_key = ?")) {
                select.setString(1, NameKeys.key(name));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new AccountRecord(rows.getString(1), rows.getString(2),
                                    Optional.ofNullable(rows.getString(3))))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> create(AccountRecord account) {
        CompletionStage<Void> created = writes.query(connection -> {
            // The batch around this write commits whatever it refuses: a refused guard undoes its account.
            Savepoint before = guard == NONE ? null : connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, NameKeys.key(account.name()));
                insert.setString(2, account.name());
                insert.setString(3, account.passwordHash());
                insert.setString(4, account.publicKey().orElse(null));
                insert.setLong(5, System.currentTimeMillis());
                if (insert.executeUpdate() == 0) {
                    throw new WriteRefusedException("the name is registered");
                }
            }
            if (before != null) {
                if (!guard.admit(connection, account)) {
                    connection.rollback(before);
                    throw new WriteRefusedException("a look-alike of the name is registered");
                }
                connection.releaseSavepoint(before);
            }
            return null;
        });
        return created.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                unwrap(failure) instanceof WriteRefusedException ? new NameTakenException(account.name()) : failure));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public CompletionStage<Void> setPublicKey(String name, String publicKey) {
        return writes.query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET public_key = ? WHERE name_key = ?")) {
                update.setString(1, publicKey);
                update.setString(2, NameKeys.key(name));
                update.executeUpdate();
            }
            return null;
        });
    }
}
