package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A nick claimed while another node's user holds it, on two full Parley servers over one fresh
 * PostgreSQL database and NATS: while the claim waits for the cluster's directory (held here by
 * this test taking the name's lock in PostgreSQL, as a slow database would), a private message to
 * the nick goes to its holder on the other node, never to the claimant, who is then refused.
 */
class ClusterPendingNickTest {

    private static final String S = ":My.Little.Server ";
    /** The key of PgPresenceDirectory's name locks (two-key advisory locks). */
    private static final int NAME_LOCKS = 0x6e616d65;

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aMessageToANickWhoseClaimIsPendingReachesItsHolderNotTheClaimant() throws Exception {
        IrcClient bob = IrcCaps.registered(cluster.b().connect("irc"), "bob", "echo-message");
        IrcClient ivan = IrcCaps.registered(cluster.a().connect("irc"), "ivan", "echo-message");
        IrcClient x = IrcCaps.registered(cluster.a().connect("irc"), "x", "echo-message");

        try (Connection database = DriverManager.getConnection("jdbc:" + cluster.storeUrl());
                Statement statement = database.createStatement()) {
            database.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + NAME_LOCKS + ", hashtext('bob'))");
            x.send("NICK bob");
            awaitAClaimWaitingForTheLock(database);

            ivan.send("PRIVMSG bob :for bob").send("ISON bob");
            ivan.expectLine(":ivan!~ivan@127.0.0.1 PRIVMSG bob :for bob"); // the echo
            ivan.expectLine(S + "303 ivan :bob");
            bob.expectLine(":ivan!parley@parley.parley PRIVMSG bob :for bob");
            database.commit(); // the directory answers
        }
        // Nothing reached x while it waited: its next line is the refusal.
        x.expectLine(S + "433 x bob :Nickname is already in use");
    }

    /** Until PostgreSQL shows a session waiting for an advisory lock (the claim of bob). */
    private static void awaitAClaimWaitingForTheLock(Connection database) throws Exception {
        try (Connection other = DriverManager.getConnection(database.getMetaData().getURL(), "postgres", "");
                Statement statement = other.createStatement()) {
            while (true) {
                try (ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
            }
        }
    }
}
