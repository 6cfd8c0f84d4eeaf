package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-address caps and the registration deadline, on every protocol: each refusal in the
 * protocol's own error form, and other addresses unaffected.
 */
class ConnectionLimitsTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @Test
    void anAddressOverItsConcurrentCapIsRefusedAndOthersAreNot() throws Exception {
        server.start(Map.of(ServerConfig.MAX_PER_ADDRESS, "2"));
        server.connectFrom("127.0.0.2", "line").send("a\nhi\n").expect("a: hi\n");
        server.connectFrom("127.0.0.2", "line").send("b\nhi\n").expect("b: hi\n");

        server.connectFrom("127.0.0.2", "line").expect("* too many connections from your address\n").expectEof();
        server.connectFrom("127.0.0.2", "tcd")
                .expect("ERROR_CODE: 9\nERROR_DESCRIPTION: too many connections from your address\n").expectEof();
        server.connectFrom("127.0.0.2", "account")
                .expect("C ERR 429 too many connections from your address\n").expectEof();
        server.connectFrom("127.0.0.3", "line").send("c\nstill welcome\n").expect("c: still welcome\n");
    }

    @Test
    void anAddressOverItsNewConnectionRateIsRefused() throws Exception {
        server.start(Map.of(ServerConfig.MAX_NEW_PER_ADDRESS, "3",
                ServerConfig.NEW_WINDOW_SECONDS, "3600"));
        // The admitted ones stay open: a closed one's leave could reach the next one mid-expectation.
        for (int i = 0; i < 3; i++) {
            server.connectFrom("127.0.0.4", "line").send("n" + i + "\nhi\n").expect("n" + i + ": hi\n");
        }

        server.connectFrom("127.0.0.4", "line").expect("* too many connections from your address\n").expectEof();
        server.connectFrom("127.0.0.5", "line").send("other\nhi\n").expect("other: hi\n");
    }

    @Test
    void aRefusedConnectionIsNeitherOpenedNorClosedForItsProtocol() throws Exception {
        ConsoleRecorder console = new ConsoleRecorder();
        server.printingTo(console.stream()).start(Map.of(ServerConfig.MAX_PER_ADDRESS, "1"));
        WireClient admitted = server.connectFrom("127.0.0.8", "directory");
        console.expectLine("Connection from 127.0.0.8:" + admitted.localPort() + " opened");
        WireClient refused = server.connectFrom("127.0.0.8", "directory");
        refused.expect("ERR 429 too many connections from your address\n").expectEof();

        server.parley().stop(); // the event loops finish their queued work, every close included
        console.expectLine("Connection from 127.0.0.8:" + admitted.localPort() + " closed");
        assertThat(console.lines()).noneMatch(line -> line.contains(":" + refused.localPort() + " "));
    }

    @Test
    void aConnectionThatTricklesBytesWithoutRegisteringIsDroppedOnTheDeadline() throws Exception {
        server.start(Map.of(ServerConfig.REGISTRATION_TIMEOUT_SECONDS, "1"));
        WireClient slowloris = server.connectFrom("127.0.0.6", "line");
        WireClient silentTcd = server.connectFrom("127.0.0.6", "tcd");
        WireClient silentAccount = server.connectFrom("127.0.0.6", "account");
        WireClient registered = server.connectFrom("127.0.0.7", "line").send("ok\nhere\n").expect("ok: here\n");

        // Partial input never completes the name line, so it never counts as registering.
        for (int i = 0; i < 3; i++) {
            slowloris.send("x");
        }

        slowloris.expect("* no name in time\n").expectEof();
        silentTcd.expect("ERROR_CODE: 10\nERROR_DESCRIPTION: no request in time\n").expectEof();
        silentAccount.expect("C ERR 408 no login in time\n").expectEof();
        registered.send("still here\n").expect("ok: still here\n");
    }
}
