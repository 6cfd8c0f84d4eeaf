package io.parley.store.postgresql;

import io.parley.core.account.AccountRecord;
import io.parley.core.account.RegisteredNames;
import io.parley.core.text.NameKeys;
import io.parley.store.JdbcAccountStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Each account's look-alike keys in {@code account_lookalikes} (V8), unique across the cluster:
 * a node's {@code RegisteredNames} refuses look-alikes it knows of, but two nodes registering
 * {@code alice} and {@code aIice} at the same moment each know only their own. The second
 * insert of a shared key waits on the unique index for the first's commit and then inserts
 * nothing ({@code ON CONFLICT DO NOTHING}), so that account is undone and refused as taken.
 */
final class PgLookalikes implements JdbcAccountStore.Guard {

    private static final String INSERT = "INSERT INTO account_lookalikes (lookalike_key, account_key) VALUES (?, ?)"
            + " ON CONFLICT (lookalike_key) DO NOTHING";
    private static final String WITHOUT_KEYS = "SELECT name FROM accounts a"
            + " WHERE NOT EXISTS (SELECT 1 FROM account_lookalikes l WHERE l.account_key = a.name_key)";

    @Override
    public boolean admit(Connection connection, AccountRecord account) throws SQLException {
        return insert(connection, account.name());
    }

    /** Inserts {@code name}'s keys; whether they were all free. */
    private static boolean insert(Connection connection, String name) throws SQLException {
        boolean free = true;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String key : new LinkedHashSet<>(RegisteredNames.lookalikeKeys(name))) {
                insert.setString(1, key);
                insert.setString(2, NameKeys.key(name));
                free &= insert.executeUpdate() == 1;
            }
        }
        return free;
    }

    /**
     * Records the keys of the accounts registered before V8 (or by a node of an earlier version):
     * a key already taken is left to the account that took it. Blocks; at start-up.
     */
    static void fill(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(WITHOUT_KEYS); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        for (String name : names) {
            insert(connection, name);
        }
    }
}
