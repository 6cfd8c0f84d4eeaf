package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that another process keeps locked for longer than a client waits: the write queue
 * fills up to {@code store.max-queued-bytes} and posters are told at once, in their protocol's
 * form, that further messages were not stored, instead of the server buffering without bound.
 * Once the lock goes, every message that was not refused is delivered and stored, and the members
 * who read it all are still connected.
 */
class StoreBackpressureTest {

    /** Far longer than any expectation waits: a refusal that arrives did not wait for the lock. */
    private static final String BUSY_TIMEOUT_MS = "600000";
    /** A few of the messages below. */
    private static final String MAX_QUEUED_BYTES = "8192";
    private static final int SENT = 40;
    private static final String PADDING = "x".repeat(1000);

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(Map.of(ServerConfig.STORE_BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS,
                ServerConfig.STORE_MAX_QUEUED_BYTES, MAX_QUEUED_BYTES));

    @Test
    void aFullQueueRefusesPostersAtOnceAndLosesNothingItAccepted() throws Exception {
        WireClient alice = server.connect("line");
        WireClient carol = server.connect("line");
        alice.send("alice\nbefore\n").expect("alice: before\n");
        carol.send("carol\n");
        // Joins are presence notices for line members: carol is in before dave, so both see his.
        alice.expect("* carol joined lobby\n");
        AccountWire dave = server.login("dave", "correct horse");
        carol.expect("* dave joined lobby\n");
        carol.send("here\n").expect("carol: here\n");
        alice.expect("* dave joined lobby\n").expect("carol: here\n");
        dave.wire.expect("D BM carol here\n");
        TcdClient tom = TcdClient.connect(server.port("tcd"));
        TcdClient.Joined room = tom.join("room1", "tom");

        List<String> refusedOrRelayed = new ArrayList<>();
        try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                Statement lock = intruder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < SENT; i++) {
                burst.append("m").append(i).append(' ').append(PADDING).append('\n');
            }
            alice.send(burst.toString());
            // Refused while the lock is still held: the refusal did not wait for the store.
            String line = alice.readLine();
            refusedOrRelayed.add(line);
            assertThat(line).isEqualTo("* message not stored, try again");
            // The account protocol's form of the same refusal: the queue is still full.
            dave.wire.send("C BM\n").expect("C OK send the message\n");
            dave.wire.send("D while locked " + PADDING + "\n").expect("C ERR 500 request not completed, try again\n");
            // And TCD's.
            tom.send(TcdMessages.chat(room.ref(), room.joinId(), "tom", "while locked " + PADDING));
            tom.expect("ERROR_CODE: 7\nERROR_DESCRIPTION: message not stored, try again\n");
            lock.execute("ROLLBACK");
        }

        alice.send("after\n");
        for (String line = alice.readLine(); !line.equals("alice: after"); line = alice.readLine()) {
            refusedOrRelayed.add(line);
        }
        List<String> refused = refusedOrRelayed.stream().filter(l -> l.startsWith("* ")).toList();
        List<String> relayed = refusedOrRelayed.stream().filter(l -> l.startsWith("alice: m")).toList();
        assertThat(refused).isNotEmpty().allMatch(l -> l.equals("* message not stored, try again"));
        assertThat(relayed).as("messages stored before the queue filled").isNotEmpty();
        assertThat(refused.size() + relayed.size()).as("every message refused or delivered").isEqualTo(SENT);

        // carol read everything alice was not refused, in order, and is still connected.
        List<String> carolSaw = new ArrayList<>();
        for (String line = carol.readLine(); !line.equals("alice: after"); line = carol.readLine()) {
            carolSaw.add(line);
        }
        assertThat(carolSaw).containsExactlyElementsOf(relayed);
        carol.send("still here\n").expect("carol: still here\n");
        tom.send(TcdMessages.chat(room.ref(), room.joinId(), "tom", "after"));
        tom.expect(TcdMessages.relay(room.ref(), "tom", "after"));
        tom.close();

        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + server.data().resolve("parley.db"));
                Statement query = reader.createStatement();
                ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM messages WHERE author = 'alice'"
                        + " AND text LIKE 'm%'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("alice's delivered messages in the store").isEqualTo(relayed.size());
        }
    }
}
