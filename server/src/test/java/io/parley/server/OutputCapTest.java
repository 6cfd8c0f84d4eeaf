package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 finding 11: everything a connection is sent counts against its output cap, replies
 * included. A client that asks and never reads is not read any more once its output passes the
 * cap, and is cut off when it stays there; the server's pending output stays bounded, and every
 * other client, on every protocol, is still answered.
 */
class OutputCapTest {

    private static final int CAP = 64 * 1024;
    /** The cap, a page of listing or one request's reply past it, and the other clients' replies. */
    private static final long BOUND = 4L * CAP;
    private static final int ROOMS = 600;
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    /**
     * No rate limit to hide behind: only the output cap is under test. A connection whose output
     * stays past the cap is cut off after {@code unwritableSeconds}. The room caps are lifted so
     * that one address may make the {@link #ROOMS} rooms of a listing past the cap.
     */
    private void start(int unwritableSeconds) throws Exception {
        server.start(Map.of(ServerConfig.MAX_PENDING_OUTPUT_BYTES, Integer.toString(CAP),
                ServerConfig.UNWRITABLE_TIMEOUT_SECONDS, Integer.toString(unwritableSeconds),
                ServerConfig.MAX_REQUESTS_PER_SECOND, "1000000", ServerConfig.REQUEST_BURST, "1000000",
                ServerConfig.MAX_WAITING_REQUESTS, "1000000",
                ServerConfig.ROOMS_MAX_NEW_PER_ADDRESS, "0", ServerConfig.DIRECTORY_MAX_ROOMS_PER_ADDRESS, "0"));
    }

    @Test
    void aDirectoryClientAskingGetdirWithoutReadingIsStalledThenCutOff() throws Exception {
        start(1);
        makeRooms();
        try (NonReader attacker = NonReader.connect(server.port("directory"))) {
            attacker.floodUntilCutOff(bytes("getdir\n"), server.parley()::pendingOutputBytes, BOUND, 64L << 20);
        }
        everyProtocolAnswers();
    }

    @Test
    void aTcdClientSendingHeloWithoutReadingIsStalledThenCutOff() throws Exception {
        start(1);
        byte[] helo = bytes("HELO " + "x".repeat(60_000) + "\n");
        try (NonReader attacker = NonReader.connect(server.port("tcd"))) {
            attacker.floodUntilCutOff(helo, server.parley()::pendingOutputBytes, BOUND, 64L << 20);
        }
        everyProtocolAnswers();
    }

    @Test
    void aListingLargerThanTheCapIsStillWholeForAReader() throws Exception {
        start(1);
        makeRooms();
        WireClient reader = server.connect("directory");
        for (int round = 0; round < 3; round++) {
            reader.send("getdir\ngetdir\n");
            for (int listing = 0; listing < 2; listing++) {
                reader.expect("OK " + ROOMS + "\n");
                for (int i = 0; i < ROOMS; i++) {
                    reader.expect(room(i) + "\n");
                }
            }
        }
    }

    @Test
    void privateMessagesToAUserWhoNeverReadsCutHimOffAndLeaveTheServersMemoryAlone() throws Exception {
        start(3600); // only the cap, not the deadline, may cut the non-reader off
        Socket tinyWindow = new Socket();
        tinyWindow.setReceiveBufferSize(4096);
        try (WireClient bob = WireClient.connect(tinyWindow, server.port("account"))) {
            bob.send("C USER bob\n");
            PublicKey serverKey = RsaKeys.fromLine(bob.readLine().substring("C NEW ".length()));
            bob.send("C PASS " + AccountWire.encrypt(PASSWORD, serverKey) + "\n").expect("C OK welcome bob\n");
            List<AccountWire> senders = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                senders.add(server.login("sender" + i, PASSWORD));
            }

            String text = "y".repeat(40_000);
            for (int pm = 0; ; pm++) {
                assertThat(server.parley().pendingOutputBytes()).as("bytes pending after %d private messages", pm)
                        .isLessThanOrEqualTo(BOUND);
                assertThat(pm).as("private messages to a user who never reads, before he is cut off").isLessThan(2000);
                WireClient sender = senders.get(pm % senders.size()).wire;
                sender.send("C PM\n");
                assertThat(sender.readLine()).startsWith("C USERS ");
                sender.send("C TO bob\n");
                String answer = sender.readLine();
                if (answer.equals("C ERR 404 bob is not online")) {
                    break;
                }
                assertThat(answer).isEqualTo("C KEY bob -");
                sender.send("D " + text + "\n");
                assertThat(sender.readLine()).isIn("C OK sent", "C OK sent; bob went offline and finds it in CH",
                        "C ERR 404 bob went offline");
            }
            bob.drainLinesUntilEof();
        }
        everyProtocolAnswers();
    }

    private void makeRooms() {
        WireClient maker = server.connect("directory");
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < ROOMS; i++) {
            commands.append("makeroom ").append(room(i)).append('\n');
        }
        maker.send(commands.toString());
        for (int i = 0; i < ROOMS; i++) {
            maker.expect("OK room r" + String.format("%04d", i) + " created\n");
        }
        maker.send("bye\n").expect("OK bye\n");
    }

    /** A room's listing line: a long name, so that the listing is several pages and past the cap. */
    private static String room(int i) {
        return "r" + String.format("%04d", i) + " 239.1." + (i / 200) + "." + (i % 200) + " " + (5000 + i);
    }

    /** A new client on each protocol gets its answer. */
    private void everyProtocolAnswers() throws Exception {
        int tcdPort = server.port("tcd");
        server.connect("tcd").send("HELO still there\n").expect(TcdMessages.helo("still there", tcdPort));
        server.connect("line").send("witness\nhello\n").expect("witness: hello\n");
        WireClient directory = server.connect("directory");
        directory.send("getdir\n");
        assertThat(directory.readLine()).matches("OK \\d+");
        WireClient account = server.connect("account");
        account.send("C USER witness2\n");
        assertThat(account.readLine()).startsWith("C NEW ");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
