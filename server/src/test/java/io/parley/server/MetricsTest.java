package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} after real traffic over real sockets: each counter moves by what the traffic
 * should make it move, and no more.
 */
class MetricsTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private ParleyExtension start(String... settings) throws Exception {
        Map<String, String> map = new HashMap<>(Map.of(ServerConfig.ADMIN_PORT, "0"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        server.start(map);
        return server;
    }

    private Scrape scrape() throws Exception {
        return Scrape.of(server.parley());
    }

    /** A line client in lobby; its own message back proves it is in. */
    private WireClient lineMember(String name) {
        WireClient client = server.connect("line").send(name + "\n");
        client.send("(" + name + " is here)\n").expect(name + ": (" + name + " is here)\n");
        return client;
    }

    @Test
    void threeLineMessagesToARoomOfTwoAreThreeInSixOutAndTheirBytes() throws Exception {
        start();
        WireClient alice = lineMember("alice");
        WireClient bob = lineMember("bob");
        alice.expect("* bob joined lobby\nbob: (bob is here)\n"); // line members are told of joins
        Scrape before = scrape();

        String sent = "";
        String relayed = "";
        for (int i = 1; i <= 3; i++) {
            alice.send("message " + i + "\n");
            sent += "message " + i + "\n";
            relayed += "alice: message " + i + "\n";
        }
        alice.expect(relayed);
        bob.expect(relayed);
        Scrape after = scrape();

        String line = "{protocol=\"line\"}";
        assertThat(after.since(before, "parley_messages_received_total" + line)).isEqualTo(3);
        assertThat(after.since(before, "parley_messages_delivered_total" + line)).isEqualTo(6);
        assertThat(after.since(before, "parley_received_bytes_total" + line))
                .isEqualTo(sent.getBytes(StandardCharsets.UTF_8).length);
        assertThat(after.since(before, "parley_sent_bytes_total" + line))
                .isEqualTo(2 * relayed.getBytes(StandardCharsets.UTF_8).length);
        assertThat(after.value("parley_connections_accepted_total" + line)).isEqualTo(2);
        assertThat(after.value("parley_connections_open" + line)).isEqualTo(2);
        assertThat(after.value("parley_messages_received_total{protocol=\"tcd\"}")).as("another protocol").isZero();
        assertThat(after.since(before, "parley_store_commit_seconds_count")).as("messages are committed").isPositive();
        assertThat(after.since(before, "parley_store_batch_tasks_sum")).as("one task per message at least")
                .isGreaterThanOrEqualTo(3);
        assertThat(after.value("parley_store_commit_seconds_bucket{le=\"5.0\"}"))
                .isEqualTo(after.value("parley_store_commit_seconds_count"));

        bob.close();
        assertThat(waitFor("parley_connections_open" + line, 1)).as("bob has gone").isEqualTo(1);
    }

    /** The series' value once it reaches {@code expected}, or its last value after 10 s. */
    private double waitFor(String series, double expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        double value;
        do {
            value = scrape().value(series);
        } while (value != expected && System.nanoTime() < deadline);
        return value;
    }

    @Test
    void aConnectionOverTheAddressCapIsCountedRefusedWithItsReason() throws Exception {
        start(ServerConfig.MAX_PER_ADDRESS, "1");
        lineMember("alice");
        WireClient second = server.connect("line");
        second.expect("* too many connections from your address\n").expectEof();

        Scrape after = scrape();
        assertThat(after.value("parley_connections_refused_total{protocol=\"line\",reason=\"too_many_from_address\"}"))
                .isEqualTo(1);
        assertThat(after.value("parley_connections_accepted_total{protocol=\"line\"}")).isEqualTo(2);
    }

    @Test
    void aConnectionThatSendsNoNameInTimeIsCountedWithItsReason() throws Exception {
        start(ServerConfig.REGISTRATION_TIMEOUT_SECONDS, "1");
        server.connect("line").expect("* no name in time\n").expectEof();

        assertThat(scrape().value("parley_connections_refused_total{protocol=\"line\",reason=\"registration_timeout\"}"))
                .isEqualTo(1);
    }

    @Test
    void loginsAreCountedByOutcome() throws Exception {
        start();
        server.login("alice", "correct horse battery");
        try (WireClient guesser = server.connect("account")) {
            guesser.send("C USER alice\n");
            String reply = guesser.readLine();
            PublicKey key = RsaKeys.fromLine(reply.substring(reply.lastIndexOf(' ') + 1));
            guesser.send("C PASS " + AccountWire.encrypt("wrong password", key) + "\n")
                    .expect("C ERR 401 incorrect password\n");
        }

        Scrape after = scrape();
        assertThat(after.value("parley_logins_total{result=\"succeeded\"}")).as("alice registered").isEqualTo(1);
        assertThat(after.value("parley_logins_total{result=\"failed\"}")).isEqualTo(1);
        assertThat(after.value("parley_logins_total{result=\"throttled\"}")).isZero();
    }

    @Test
    void aClientOverItsRequestRateIsCountedThrottled() throws Exception {
        start(ServerConfig.MAX_REQUESTS_PER_SECOND, "1", ServerConfig.REQUEST_BURST, "1");
        WireClient alice = server.connect("line").send("alice\none\n");

        alice.expect("alice: one\n"); // handled a second later: the name took the only token

        assertThat(scrape().value("parley_flood_throttles_total{protocol=\"line\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void accountsUsersOnlineAndRoomMembersAreGauged() throws Exception {
        start();
        Scrape before = scrape();
        WireClient alice = lineMember("alice");
        WireClient bob = lineMember("bob");
        alice.expect("* bob joined lobby\nbob: (bob is here)\n");
        server.login("carol", "correct horse battery");
        alice.expect("* carol joined lobby\n");

        Scrape after = scrape();
        assertThat(after.since(before, "parley_accounts")).as("carol registered").isEqualTo(1);
        assertThat(after.since(before, "parley_room_members")).as("alice and bob in lobby, carol too once logged in")
                .isGreaterThanOrEqualTo(2);
        assertThat(after.since(before, "parley_online_users")).as("carol is logged in").isGreaterThanOrEqualTo(1);

        bob.close();
        alice.expect("* bob left lobby\n");
        // The roster drops a leaver just after handing its notice over; a later message of the
        // room is delivered after that, on the same fan-out lane.
        alice.send("after\n").expect("alice: after\n");
        assertThat(scrape().since(after, "parley_room_members")).isEqualTo(-1);
    }

    @Test
    void aRoomMadeInTheDirectoryIsOneRoomMore() throws Exception {
        start();
        Scrape before = scrape();

        server.connect("directory").send("makeroom lab 239.0.0.1 5000\n").expect("OK room lab created\n");

        assertThat(scrape().since(before, "parley_rooms")).isEqualTo(1);
    }

    @Test
    void theStoreQueuesBytesAreGauged() throws Exception {
        start();
        assertThat(scrape().text).contains("parley_store_queue_bytes ");
    }

    @Test
    void theJvmsFiguresAreThere() throws Exception {
        start();
        String text = scrape().text;
        assertThat(text).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ",
                "jvm_compilation_time_ms_total ", "system_cpu_count ", "process_uptime_seconds ", "parley_store_queue_tasks ",
                "parley_crypto_queue_tasks ");
    }
}
