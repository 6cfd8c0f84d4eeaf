package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.LoopbackMulticast;
import io.parley.testing.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The numbered conformance points of {@code shared/specs/directory.md}, over real sockets. */
class DirectoryConformanceTest {

    private final ConsoleRecorder console = new ConsoleRecorder();
    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig().printingTo(console.stream());
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private WireClient client() {
        WireClient client = WireClient.connect(server.port("directory"));
        clients.add(client);
        return client;
    }

    /** A client from {@code source}, a loopback address: ten clients are ten machines, each with its share of rooms. */
    private WireClient clientFrom(String source) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        WireClient client = WireClient.connect(socket, server.port("directory"));
        clients.add(client);
        return client;
    }

    /** Reads a getdir reply: its rows, after checking its count line. */
    private static List<String> getdir(WireClient client) {
        client.send("getdir\n");
        String count = client.readLine();
        assertThat(count).matches("OK \\d+");
        List<String> rows = new ArrayList<>();
        for (int i = Integer.parseInt(count.substring(3)); i > 0; i--) {
            rows.add(client.readLine());
        }
        return rows;
    }

    @Test
    void point1_theStartLineAndALineForEachConnectionOpenedAndClosed() {
        console.expectLine("Chat Room Directory Server listening on port " + server.port("directory") + " ...");

        WireClient polite = client();
        console.expectLine("Connection from 127.0.0.1:" + polite.localPort() + " opened");
        WireClient abrupt = client();
        console.expectLine("Connection from 127.0.0.1:" + abrupt.localPort() + " opened");

        polite.send("bye\n").expect("OK bye\n").expectEof();
        console.expectLine("Connection from 127.0.0.1:" + polite.localPort() + " closed");
        abrupt.close();
        console.expectLine("Connection from 127.0.0.1:" + abrupt.localPort() + " closed");
    }

    @Test
    void point2_getdirOnAnEmptyDirectory() {
        client().send("getdir\n").expect("OK 0\n");
    }

    @Test
    void point3_aMadeRoomIsListedToItsMakerAndToOthers() {
        WireClient maker = client();
        maker.send("makeroom r1 239.0.0.1 5000\n").expect("OK room r1 created\n");

        maker.send("getdir\n").expect("OK 1\nr1 239.0.0.1 5000\n");
        client().send("getdir\n").expect("OK 1\nr1 239.0.0.1 5000\n");
    }

    @Test
    void point4_aTakenGroupOrNameIsAConflictAndChangesNothing() {
        WireClient client = client();
        client.send("makeroom r1 239.0.0.1 5000\n").expect("OK room r1 created\n");

        client.send("makeroom r2 239.0.0.1 5000\n").expect("ERR 409 239.0.0.1:5000 is already used by room r1\n");
        client.send("makeroom r1 239.0.0.2 5001\n").expect("ERR 409 room r1 already exists\n");

        client.send("getdir\n").expect("OK 1\nr1 239.0.0.1 5000\n");
    }

    @Test
    void point5_badAddressesPortsAndTokenCountsAreBadRequests() {
        WireClient client = client();
        String address = "ERR 400 address must be an IPv4 multicast address in 239.0.0.0/8\n";
        String port = "ERR 400 port must be 1024-65535\n";
        String usage = "ERR 400 usage: makeroom <name> <address> <port>\n";

        client.send("makeroom r1 224.0.0.1 5000\n").expect(address);
        client.send("makeroom r1 240.0.0.1 5000\n").expect(address);
        client.send("makeroom r1 10.0.0.1 5000\n").expect(address);
        client.send("makeroom r1 abc 5000\n").expect(address);
        client.send("makeroom r1 239.0.0.1 0\n").expect(port);
        client.send("makeroom r1 239.0.0.1 70000\n").expect(port);
        client.send("makeroom r1 239.0.0.1 x\n").expect(port);
        client.send("makeroom r1 239.0.0.1\n").expect(usage);
        client.send("makeroom r1\n").expect(usage);
        client.send("makeroom\n").expect(usage);
        client.send("deleteroom\n").expect("ERR 400 usage: deleteroom <name>\n");
        client.send("makeroom bad/name 239.0.0.1 5000\n").expect("ERR 400 invalid room name\n");

        client.send("getdir\n").expect("OK 0\n");
    }

    @Test
    void point6_deleteroomRemovesTheRoomAndFreesItsGroup() {
        WireClient client = client();
        client.send("makeroom r1 239.0.0.1 5000\n").expect("OK room r1 created\n");

        client.send("deleteroom r1\n").expect("OK room r1 deleted\n");
        client.send("deleteroom nosuch\n").expect("ERR 404 no room named nosuch\n");
        client.send("getdir\n").expect("OK 0\n");
        client.send("makeroom r2 239.0.0.1 5000\n").expect("OK room r2 created\n");
    }

    @Test
    void point7_pipelinedCommandsInOneSegmentAreAnsweredInOrder() {
        client().send("makeroom a 239.0.0.1 5000\nmakeroom b 239.0.0.2 5000\ngetdir\nmakeroom a 239.0.0.3 5000\n"
                + "deleteroom a\nhello\ngetdir\nbye\ngetdir\n")
                .expect("OK room a created\nOK room b created\nOK 2\na 239.0.0.1 5000\nb 239.0.0.2 5000\n"
                        + "ERR 409 room a already exists\nOK room a deleted\nERR 400 unknown command hello\n"
                        + "OK 1\nb 239.0.0.2 5000\nOK bye\n")
                .expectEof();
    }

    @Test
    void point8_tenClientsMakingAndListingRoomsAtOnceLoseNothing() throws Exception {
        int clientCount = 10;
        int roomsEach = 10;
        List<WireClient> all = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            all.add(clientFrom("127.0.0." + (10 + i)));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            WireClient client = all.get(i);
            int c = i;
            work.add(() -> {
                go.await();
                // Everyone races for one room: exactly one may get it.
                client.send("makeroom contested 239.1.1.1 5000\n");
                boolean won = client.readLine().equals("OK room contested created");
                for (int r = 0; r < roomsEach; r++) {
                    client.send("makeroom c" + c + "-r" + r + " 239.0." + c + "." + r + " 5000\n")
                            .expect("OK room c" + c + "-r" + r + " created\n");
                    assertThat(getdir(client)).contains("c" + c + "-r" + r + " 239.0." + c + "." + r + " 5000");
                }
                return won;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> job : work) {
                results.add(threads.submit(job));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        List<String> rows = getdir(client());
        assertThat(rows).hasSize(clientCount * roomsEach + 1).isSorted();
        Set<String> expected = new HashSet<>();
        expected.add("contested 239.1.1.1 5000");
        for (int c = 0; c < clientCount; c++) {
            for (int r = 0; r < roomsEach; r++) {
                expected.add("c" + c + "-r" + r + " 239.0." + c + "." + r + " 5000");
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void point9_twoClientsChatOverLoopbackMulticastAndARoomNextDoorHearsNothing() throws Exception {
        LoopbackMulticast.require();
        InetSocketAddress r1 = LoopbackMulticast.freshGroup();
        InetSocketAddress r2 = LoopbackMulticast.freshGroup();
        // The room next door shares r1's port, on another group: only the group tells them apart.
        client().send("makeroom r1 " + r1.getAddress().getHostAddress() + " " + r1.getPort() + "\n"
                + "makeroom r2 " + r2.getAddress().getHostAddress() + " " + r1.getPort() + "\n")
                .expect("OK room r1 created\nOK room r2 created\n");
        TerminalClient mel = chatting("mel", "Mel", "r1");
        TerminalClient ann = chatting("ann", "Ann", "r1");
        TerminalClient carol = chatting("carol", "Carol", "r2");
        TerminalClient dave = chatting("dave", "Dave", "r2");

        mel.type("Good morning!");
        ann.expect("Mel: Good morning!");
        ann.type("Morning, Mel.");
        mel.expect("Ann: Morning, Mel.");
        // Every datagram reaches all of this host's sockets in one pass: Mel's and Ann's reached
        // r2's before Dave's barrier did, and Carol would have printed them before it.
        dave.type("barrier");

        String carolSaw = carol.expect("Dave: barrier");
        assertThat(carolSaw).doesNotContain("Mel:").doesNotContain("Ann:");
        // Mel's own datagram came back to her before Ann's reply: shown once, when she sent it.
        assertThat(count(mel.screenText(), "Mel: Good morning!")).isEqualTo(1);
        assertThat(count(ann.screenText(), "Ann: Morning, Mel.")).isEqualTo(1);
    }

    /** A client in chat mode: named, then in {@code room}, looked up without connecting first. */
    private TerminalClient chatting(String login, String name, String room) {
        TerminalClient client = new TerminalClient(server.port("directory"), login);
        clients.add(client);
        client.type("name " + name).expect("Your messages now go out as " + name + ".");
        client.type("chat " + room).expect("[" + room + "] ");
        return client;
    }

    @Test
    void point10_roomsSurviveARestartAndKeepTheirCoreRoom() throws Exception {
        client().send("makeroom r1 239.0.0.1 5000\nmakeroom Lab4 239.0.0.2 5001\n")
                .expect("OK room r1 created\nOK room Lab4 created\n");
        String ref = tcdJoin("lab4");

        clients.forEach(this::closeQuietly);
        clients.clear();
        server.restart();

        client().send("getdir\n").expect("OK 2\nLab4 239.0.0.2 5001\nr1 239.0.0.1 5000\n");
        assertThat(tcdJoin("LAB4")).isEqualTo(ref);
    }

    @Test
    void aLineOver4KiBGetsErr413AndTheConnectionCloses() {
        WireClient client = client();

        client.send("getdir\n" + "x".repeat(4097) + "\ngetdir\n").expect("OK 0\nERR 413 line too long\n").expectEof();
        client().send("getdir\n").expect("OK 0\n");
    }

    @Test
    void unknownCommandsAreQuotedUpTo32CharactersAndTheConnectionStaysOpen() {
        client().send("x".repeat(100) + " and more\n").expect("ERR 400 unknown command " + "x".repeat(32) + "\n")
                .send("getdir\n").expect("OK 0\n");
    }

    /** Joins {@code room} over TCD and returns its ROOM_REF, the core room's ref. */
    private String tcdJoin(String room) {
        WireClient tcd = WireClient.connect(server.port("tcd"));
        clients.add(tcd);
        tcd.send("JOIN_CHATROOM: " + room + "\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: tom\n");
        assertThat(tcd.readLine()).startsWith("JOINED_CHATROOM: ");
        tcd.readLine(); // SERVER_IP
        tcd.readLine(); // PORT
        return tcd.readLine().substring("ROOM_REF: ".length());
    }

    private void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
