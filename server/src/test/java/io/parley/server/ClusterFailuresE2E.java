package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.cluster.NodeWatch;
import io.parley.testing.CuttableRelay;
import io.parley.testing.PrivateNats;
import io.parley.testing.PrivatePostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster nodes as separate processes (the packaged jar) on a PostgreSQL and a NATS server of
 * the test's own, which the test crashes and restarts (the machine's shared ones on 5432 and
 * 4222 are never touched): each failure of docs/cluster.md while line users on both nodes chat at
 * a steady rate, then the same checks after each: every acknowledged message (its sender saw it
 * come back) is in history exactly once; every member, surviving or not, received the room's
 * messages as one gap-free stretch of history's order, and every survivor to its end; and the
 * cluster goes on (after the heal, each node's users hear the other's).
 *
 * <p>Each test has its own database and NATS server. The figures each run measured (sent,
 * acknowledged, refused with "try again", in history) are printed on stdout.
 */
class ClusterFailuresE2E {

    /** One message per user every 20 ms: 50 per second each. */
    private static final long TICK_MS = 20;
    /** Messages of each user's that must flow, before a failure and after its heal. */
    private static final int FLOWING = 25;

    private static PrivatePostgres postgres;

    @TempDir
    Path work;

    private PrivateNats nats;
    private String database;
    private final List<ServerProcess> nodes = new ArrayList<>();
    /** The line port of each node {@link #twoNodesChatting} started: a, b. */
    private final List<Integer> linePorts = new ArrayList<>();
    private final List<LineChatter> chatters = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    private final List<ScheduledFuture<?>> traffic = new ArrayList<>();

    @BeforeAll
    static void startPostgres() {
        postgres = PrivatePostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        nats = PrivateNats.start(work);
        database = "parley_f_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        // Test 5 sends as fast as it can: no per-connection rate limit in the way.
        Files.writeString(work.resolve("node.conf"), "connection.max-requests-per-second = 100000\n"
                + "connection.request-burst = 100000\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        ticks.shutdownNow();
        chatters.forEach(LineChatter::close);
        for (ServerProcess node : nodes) {
            node.close();
            // What a node warned of, for whoever reads a failure's report.
            node.stderr().lines().filter(line -> line.contains("WARN") || line.contains("ERROR"))
                    .forEach(line -> System.out.println("node " + nodes.indexOf(node) + ": " + line));
        }
        nats.close();
    }

    private ServerProcess node(String name, String busUrl) throws Exception {
        Path data = work.resolve("data-" + name);
        Files.createDirectories(data);
        ServerProcess node = ServerProcess.jar(data, work, ListenerFlags.serve("off", "--config",
                work.resolve("node.conf").toString(), "--data", data.toString(), "--bind", "127.0.0.1",
                "--line", "0", "--admin", "off", "--store", postgres.url(database), "--bus", busUrl, "--node", name));
        nodes.add(node);
        return node;
    }

    private LineChatter join(int port, String name, String tag) throws Exception {
        LineChatter chatter = LineChatter.join(port, name, tag);
        chatters.add(chatter);
        return chatter;
    }

    /**
     * Joins and says a first text, returning once it came back: the user is in the room, so its
     * node has the room open and hears the joins of other nodes' users from then on (a node
     * drops the events of rooms it has not opened; docs/cluster.md).
     */
    private LineChatter joinAndSpeak(int port, String name, String tag) throws Exception {
        LineChatter chatter = join(port, name, tag);
        chatter.sayNext();
        chatter.await(c -> c.acknowledged().size() == 1, "heard its first text");
        return chatter;
    }

    /** {@code chatter} says its next text every {@link #TICK_MS}, until the connection is gone or {@link #stopTraffic}. */
    private void flow(LineChatter chatter) {
        traffic.add(ticks.scheduleAtFixedRate(() -> {
            if (!chatter.sayNext()) {
                throw new IllegalStateException("connection gone"); // ends this chatter's ticks
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS));
    }

    private void stopTraffic() {
        traffic.forEach(tick -> tick.cancel(false));
        traffic.clear();
    }

    /** Two nodes, a user on each, chatting at a steady rate; returns once both hear each other. */
    private LineChatter[] twoNodesChatting(String busA, String busB) throws Exception {
        ServerProcess a = node("a", busA);
        ServerProcess b = node("b", busB);
        linePorts.add(a.awaitPort("Line"));
        linePorts.add(b.awaitPort("Line"));
        LineChatter alice = joinAndSpeak(linePorts.get(0), "alice", "alice");
        LineChatter bob = joinAndSpeak(linePorts.get(1), "bob", "bob");
        alice.awaitLine("* bob joined lobby"); // b's join reached a over the bus
        flow(alice);
        flow(bob);
        awaitHearing(alice, bob, FLOWING);
        return new LineChatter[] {alice, bob};
    }

    /** Waits until each has {@code more} more of its own acknowledged and heard {@code more} more of the other's. */
    private static void awaitHearing(LineChatter one, LineChatter other, int more) throws InterruptedException {
        int ownOne = one.acknowledged().size();
        int ownOther = other.acknowledged().size();
        long heardByOne = one.receivedFrom(other);
        long heardByOther = other.receivedFrom(one);
        one.await(c -> c.acknowledged().size() >= ownOne + more && c.receivedFrom(other) >= heardByOne + more,
                "acknowledged and heard " + more + " more");
        other.await(c -> c.acknowledged().size() >= ownOther + more && c.receivedFrom(one) >= heardByOther + more,
                "acknowledged and heard " + more + " more");
    }

    @Test
    void theNatsServerRestarted() throws Exception {
        LineChatter[] users = twoNodesChatting(nats.url(), nats.url());

        nats.kill();
        users[0].awaitLine(LineChatter.REFUSED); // both nodes refuse while the bus is down
        users[1].awaitLine(LineChatter.REFUSED);
        nats.start();

        awaitHearing(users[0], users[1], FLOWING);
        finishAndCheck("NATS restarted", users);
    }

    @Test
    void postgresRestarted() throws Exception {
        LineChatter[] users = twoNodesChatting(nats.url(), nats.url());

        postgres.crash();
        users[0].awaitLine(LineChatter.REFUSED);
        users[1].awaitLine(LineChatter.REFUSED);
        nodes.get(0).awaitLogLine("cannot renew its lease");
        nodes.get(1).awaitLogLine("cannot renew its lease");
        // The outage's length, not a wait for anything: past every node's lease, so that all run
        // out at once and neither node may take the other for dead when PostgreSQL is back.
        Thread.sleep(NodeWatch.LEASE.plus(NodeWatch.TICK).toMillis());
        postgres.restart();

        awaitHearing(users[0], users[1], FLOWING);
        finishAndCheck("PostgreSQL restarted", users);
    }

    @Test
    void oneNodeCutOffFromNatsThenHealed() throws Exception {
        try (CuttableRelay relay = new CuttableRelay(nats.port())) {
            LineChatter[] users = twoNodesChatting(relay.url("nats"), nats.url());

            relay.cut();
            users[0].awaitLine(LineChatter.REFUSED); // a refuses: it cannot tell b
            long heard = users[0].receivedFrom(users[1]);
            // b goes on meanwhile (what a misses of it is read from the store after the heal)
            int ownB = users[1].acknowledged().size();
            users[1].await(c -> c.acknowledged().size() >= ownB + FLOWING, "acknowledged while a is cut off");
            relay.heal();

            users[0].await(c -> c.receivedFrom(users[1]) > heard + FLOWING, "heard b after the heal");
            awaitHearing(users[0], users[1], FLOWING);
            finishAndCheck("one node cut off from NATS", users);
        }
    }

    @Test
    void twoNodesSendIntoOneRoomAsFastAsTheyCan() throws Exception {
        ServerProcess a = node("a", nats.url());
        ServerProcess b = node("b", nats.url());
        int portA = a.awaitPort("Line");
        int portB = b.awaitPort("Line");
        List<LineChatter> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(joinAndSpeak(portA, "a" + i, "a" + i));
            users.add(joinAndSpeak(portB, "b" + i, "b" + i));
        }
        LineChatter last = users.get(users.size() - 1);
        for (LineChatter user : users.subList(0, users.size() - 1)) {
            user.await(c -> c.count("* " + last.name + " joined lobby") > 0, "seen the last join");
        }
        int each = 250;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (LineChatter user : users) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < each; n++) {
                    user.sayNext();
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Result result = finishAndCheck("two nodes as fast as they can", users.toArray(LineChatter[]::new));
        assertThat(result.acknowledged()).as("nothing refused with nothing failing").isEqualTo(6 * (each + 1));
    }

    @Test
    void aNodeKilledItsUsersReconnectToAnotherAndTheClusterGoesOn() throws Exception {
        LineChatter[] users = twoNodesChatting(nats.url(), nats.url());
        LineChatter alice = users[0];
        LineChatter bob = users[1];

        long killed = System.nanoTime();
        nodes.get(0).kill(); // kill -9 of node a, mid-traffic
        alice.await(LineChatter::ended, "disconnected by the kill");
        int ownBob = bob.acknowledged().size();
        bob.await(c -> c.acknowledged().size() >= ownBob + FLOWING, "acknowledged after the kill");
        // node a's lease runs out, node b claims it and announces a's users as gone
        bob.awaitLine("* alice left lobby");
        long announcedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("cluster failure \"kill -9 of a node\": its user announced as gone %d ms after the kill%n",
                announcedMs);

        // alice reconnects to node b and chats on
        LineChatter alice2 = join(linePorts.get(1), "alice", "alice2");
        flow(alice2);
        awaitHearing(alice2, bob, FLOWING);

        // node a comes back (same name, same data directory) and its users are heard again
        ServerProcess restarted = node("a", nats.url());
        LineChatter carol = join(restarted.awaitPort("Line"), "carol", "carol");
        bob.awaitLine("* carol joined lobby");
        flow(carol);
        awaitHearing(carol, bob, FLOWING);

        // killed again and restarted at once, before its lease runs out: the new life waits until
        // b announced the old one's users, then takes its own
        restarted.kill();
        ServerProcess again = node("a", nats.url());
        int port = again.awaitPort("Line");
        bob.awaitLine("* carol left lobby");
        LineChatter dave = join(port, "dave", "dave");
        bob.awaitLine("* dave joined lobby");
        flow(dave);
        awaitHearing(dave, bob, FLOWING);
        finishAndCheck("kill -9 of a node", alice, bob, alice2, carol, dave);
    }

    record Result(int sent, int acknowledged, long refused, int history) {}

    /**
     * Stops the traffic, has every live user say a last text and waits until every live user heard
     * all of them (so everything said before is in history and delivered), then checks history and
     * what each user received.
     */
    private Result finishAndCheck(String failure, LineChatter... users) throws Exception {
        stopTraffic();
        List<LineChatter> live = new ArrayList<>();
        for (LineChatter user : users) {
            if (!user.ended()) {
                live.add(user);
            }
        }
        for (LineChatter user : live) {
            assertThat(user.say(user.tag + "-end")).as(user.tag + " still connected").isTrue();
        }
        for (LineChatter user : live) {
            for (LineChatter other : live) {
                user.awaitLine(other.name + ": " + other.tag + "-end");
            }
        }
        for (LineChatter user : live) { // nobody connected is taken for gone (a dead node's users are, once)
            for (LineChatter other : live) {
                long gone = java.util.Arrays.stream(users).filter(u -> u.name.equals(other.name) && u.ended()).count();
                assertThat(user.count("* " + other.name + " left lobby")).as("%s taken for gone by %s", other.tag, user.tag)
                        .isLessThanOrEqualTo(gone);
            }
        }
        List<String> history = history();
        assertThat(new HashSet<>(history)).as("each text once in history").hasSize(history.size());
        int sent = 0;
        int acknowledged = 0;
        long refused = 0;
        for (LineChatter user : users) {
            sent += user.said();
            Set<String> own = user.acknowledged();
            acknowledged += (int) own.stream().filter(text -> !text.endsWith("-end")).count();
            refused += user.count(LineChatter.REFUSED);
            for (String text : own) {
                assertThat(history).as("%s's acknowledged %s in history", user.tag, text).contains(user.name + ": " + text);
            }
            List<String> received = user.messages();
            assertThat(received).as(user.tag + " received something").isNotEmpty();
            int from = history.indexOf(received.get(0));
            assertThat(from).as(user.tag + "'s first message in history").isNotNegative();
            int to = live.contains(user) ? history.size() : Math.min(history.size(), from + received.size());
            assertThat(received).as("what %s received: one gap-free stretch of history's order", user.tag)
                    .isEqualTo(history.subList(from, to));
        }
        Result result = new Result(sent, acknowledged, refused, history.size());
        System.out.printf("cluster failure \"%s\": %d sent, %d acknowledged, %d refused (try again), %d in history%n",
                failure, result.sent(), result.acknowledged(), result.refused(), result.history());
        return result;
    }

    /** The lobby's messages as {@code author: text}, in the room's order, from the store of record. */
    private List<String> history() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
                PreparedStatement query = connection.prepareStatement("SELECT m.author, m.text FROM messages m"
                        + " JOIN rooms r ON r.ref = m.room_ref WHERE r.name_key = 'lobby' ORDER BY m.seq");
                ResultSet rows = query.executeQuery()) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + ": " + rows.getString(2));
            }
            return history;
        }
    }
}
