package io.parley.store;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.AccountStore;
import io.parley.core.text.NameKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Accounts in the {@code accounts} table, the same SQL for SQLite and PostgreSQL, every statement
 * on the store's writing thread ({@link JdbcWrites}). A name (folded) is registered once: the
 * insert is {@code ON CONFLICT (name_key) DO NOTHING}, so a second {@link #create} of it (another
 * path of this node, or another node of a cluster) is refused ({@link WriteRefusedException})
 * without failing the writes batched with it. Thread-safe; see {@link AccountStore}.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final String INSERT = "INSERT INTO accounts (name_key, name, password_hash, public_key, created_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING";

    private final JdbcWrites writes;

    public JdbcAccountStore(JdbcWrites writes) {
        this.writes = writes;
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
        return writes.query(connection -> {
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
            return null;
        });
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
