package io.parley.server;

import io.parley.testing.LoopbackMulticast;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handout's demonstration (Lab 4, "Marking Scheme", steps 1-8), end to end: the server as
 * {@code parley serve} runs it, and two {@code parley client directory} sessions typed into as a
 * person would, over real sockets and loopback multicast.
 */
class DirectoryDemonstrationTest {

    private final ConsoleRecorder serverOutput = new ConsoleRecorder();
    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();
    private TerminalClient first;
    private TerminalClient second;

    @BeforeEach
    void start() throws Exception {
        LoopbackMulticast.require();
        server.printingTo(serverOutput.stream()).start(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void theEightSteps() {
        int port = server.port("directory");
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        String room = "room1 " + group.getAddress().getHostAddress() + " " + group.getPort();

        // 1. The server says it is listening on the directory port.
        serverOutput.expectLine("Chat Room Directory Server listening on port " + port + " ...");

        // 2. A client connects; the server reports the connection.
        first = new TerminalClient(port, "mel");
        first.type("connect").expect("Connected to the directory server at 127.0.0.1:" + port + ".\nparley(crds)> ");
        serverOutput.expectLineMatching("Connection from 127\\.0\\.0\\.1:\\d+ opened");

        // 3. makeroom, then getdir shows the new room.
        first.type("makeroom " + room).expect("room room1 created\nparley(crds)> ");
        first.type("getdir").expect("room   address");
        first.expect("\n" + room.replace(" ", "  ") + "\nparley(crds)> ");

        // 4. bye; the server reports the connection closed.
        first.type("bye").expect("Disconnected from the directory server.\nparley> ");
        serverOutput.expectLineMatching("Connection from 127\\.0\\.0\\.1:\\d+ closed");

        // 5. Two clients set their names.
        second = new TerminalClient(port, "ann");
        first.type("name Mel").expect("Your messages now go out as Mel.");
        second.type("name Ann").expect("Your messages now go out as Ann.");

        // 6. Both chat in the room; each sees the other, and typing is not garbled by arrivals.
        first.type("chat room1").expect("[room1] ");
        second.type("chat room1").expect("[room1] ");
        first.type("Good morning!");
        second.expect("Mel: Good morning!\n[room1] ");
        second.startTyping("Good mor");
        first.type("Still there?");
        second.expect("Mel: Still there?\n[room1] Good mor");
        second.type("ning, Mel!");
        first.expect("Ann: Good morning, Mel!\n[room1] ");
        first.ctrlBracket().expect("Left room1.\nparley> ");
        second.ctrlBracket().expect("Left room1.\nparley> ");

        // 7. A room is deleted, and getdir shows it gone.
        first.type("connect").expect("parley(crds)> ");
        first.type("deleteroom room1").expect("room room1 deleted\nparley(crds)> ");
        first.type("getdir").expect("The directory has no rooms.\nparley(crds)> ");

        // 8. The server serves several connections at once: the second connects while the first is.
        second.type("connect").expect("parley(crds)> ");
        serverOutput.awaitOpenConnections(2);
        second.type("makeroom room2 239.0.0.2 6000").expect("room room2 created");
        first.type("getdir").expect("room2  239.0.0.2  6000\nparley(crds)> ");
        first.type("bye").expect("Disconnected");
        second.type("bye").expect("Disconnected");
        serverOutput.awaitOpenConnections(0);
    }
}
