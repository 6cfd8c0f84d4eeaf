package io.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.LoopbackMulticast;
import io.parley.testing.ScriptedTerminal;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interactive client on a scripted terminal, against a stand-in directory server. */
class DirectoryClientTest {

    private final FakeDirectoryServer server = new FakeDirectoryServer();
    private final ScriptedTerminal screen = new ScriptedTerminal();
    private Thread client;

    @BeforeEach
    void start() {
        client = start(screen, Optional.empty());
    }

    /** Runs a client as Mel, on {@code terminal}, against the fake server, until its input ends. */
    private Thread start(ScriptedTerminal terminal, Optional<String> multicastInterface) {
        return start(terminal, new DirectoryClientSettings("127.0.0.1", server.port(), "Mel", multicastInterface));
    }

    private Thread start(ScriptedTerminal terminal, DirectoryClientSettings settings) {
        Thread running = new Thread(() -> new DirectoryClient(terminal.terminal(), settings).run(), "directory-client");
        running.start();
        terminal.expect("parley> ");
        return running;
    }

    @AfterEach
    void stop() throws Exception {
        screen.endInput();
        client.join(ScriptedTerminal.TIMEOUT_MS);
        assertThat(client.isAlive()).as("the client ends with its input").isFalse();
        screen.close();
        server.close();
    }

    @Test
    void helpUnknownCommandsAndDirectoryCommandsBeforeConnecting() {
        screen.typeLine("help");
        screen.expect("chat <room>");
        screen.typeLine("frobnicate now");
        screen.expect("Unknown command frobnicate; type help for the commands.");
        screen.typeLine("getdir");
        screen.expect("Not connected: connect first.");
        screen.typeLine("bye");
        screen.expect("Not connected.");
        screen.typeLine("name");
        screen.expect("Your chat name is Mel.");
    }

    @Test
    void connectedCommandsAreSentAsTypedAndRepliesShownReadably() {
        server.answer("getdir", "OK 2\nlobby 239.0.0.1 5000\nr2 239.0.0.2 6000\n")
                .answer("makeroom lobby 239.0.0.9 5000", "ERR 409 room lobby already exists\n")
                .answer("deleteroom r2", "OK room r2 deleted\n");

        screen.typeLine("connect");
        screen.expect("Connected to the directory server at 127.0.0.1:" + server.port() + ".\nparley(crds)> ");
        screen.typeLine("getdir");
        screen.expect("room   address    port\nlobby  239.0.0.1  5000\nr2     239.0.0.2  6000\n");
        screen.typeLine("makeroom lobby 239.0.0.9 5000");
        screen.expect("error 409: room lobby already exists\nparley(crds)> ");
        screen.typeLine("deleteroom r2");
        screen.expect("room r2 deleted\nparley(crds)> ");
        screen.typeLine("connect");
        screen.expect("Already connected; bye first to connect elsewhere.");
        screen.typeLine("bye");
        screen.expect("Disconnected from the directory server.\nparley> ");
    }

    @Test
    void aServerThatIsNotThereIsReportedAndTheClientGoesOn() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }

        screen.typeLine("connect 127.0.0.1 " + port);
        screen.expect("Cannot connect to 127.0.0.1:" + port);
        screen.expect("parley> ");
        screen.typeLine("connect 127.0.0.1 " + port + " extra");
        screen.expect("Usage: connect [host] [port], the port 1-65535");
        screen.typeLine("connect 127.0.0.1 99999");
        screen.expect("Usage: connect [host] [port], the port 1-65535");
        screen.expect("parley> ");
    }

    @Test
    void aPortWhereNothingAnswersIsNotCalledConnected() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ScriptedTerminal other = new ScriptedTerminal()) {
            // Like a line or TCD port: the connection is taken, and nothing comes back.
            Thread elsewhere = start(other, new DirectoryClientSettings("127.0.0.1", silent.getLocalPort(), "Mel",
                    Optional.empty(), Duration.ofMillis(300)));

            other.typeLine("connect");

            other.expect("no reply from 127.0.0.1:" + silent.getLocalPort()
                    + "; is this Parley's directory port (default 7712)?\nparley> ");
            assertThat(other.screenText()).doesNotContain("Connected");
            other.endInput();
            elsewhere.join(ScriptedTerminal.TIMEOUT_MS);
        }
    }

    @Test
    void aReplyInAnotherProtocolIsNotCalledConnected() {
        server.answer("getdir", "C ERR 400 expected C USER <name>\n");

        screen.typeLine("connect");

        screen.expect("unexpected reply from 127.0.0.1:" + server.port()
                + " (not a directory reply: C ERR 400 expected C USER <name>); is this Parley's directory port"
                + " (default 7712)?\nparley> ");
        screen.typeLine("getdir");
        screen.expect("Not connected: connect first.");
    }

    @Test
    void theServerGoingAwayIsSaidAtOnceAndThePromptGoesBackWithTheHalfTypedLine() throws Exception {
        screen.typeLine("connect");
        screen.expect("parley(crds)> ");
        screen.type("getd");
        screen.expect("getd");

        server.hangUpAll("ERR 503 server shutting down\n");

        screen.expect("The directory server at 127.0.0.1:" + server.port()
                + " closed the connection (error 503: server shutting down); you are disconnected");
        screen.expect("parley> getd");
        screen.typeLine("ir");
        screen.expect("Not connected: connect first.\nparley> ");
        assertThat(screen.screenText()).doesNotContain("Broken pipe");
    }

    @Test
    void ctrlCDropsTheLineAtThePromptAndInChatAndCtrlDLeavesTheRoom() {
        screen.type("quit" + ScriptedTerminal.CTRL_C);
        screen.expect("parley> ");
        enterChat("r");
        screen.type("not for the room" + ScriptedTerminal.CTRL_C);
        screen.expect("[r] ");

        screen.type(String.valueOf(ScriptedTerminal.CTRL_D));

        screen.expect("Left r.\nparley> ");
        screen.type(String.valueOf(ScriptedTerminal.CTRL_D)); // and at the main prompt, quits
        awaitEnd();
    }

    private void awaitEnd() {
        try {
            client.join(ScriptedTerminal.TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(client.isAlive()).as("the client has quit").isFalse();
    }

    @Test
    void chatModeSendsReceivesRedrawsTheHalfTypedLineAndLeavesOnCtrlBracket() throws Exception {
        NetworkInterface loopback = LoopbackMulticast.require();
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        server.answer("getdir", "OK 1\nlobby " + group.getAddress().getHostAddress() + " " + group.getPort() + "\n");
        try (Peer bob = new Peer(group, loopback)) {
            screen.typeLine("chat LOBBY");
            screen.expect("Chatting in lobby (" + group.getAddress().getHostAddress() + ":" + group.getPort() + " on "
                    + loopback.getName() + ") as Mel.");
            screen.expect("[lobby] ");

            screen.typeLine("wow! a\\b 'quoted");
            assertThat(bob.receive()).isEqualTo("Mel: wow! a\\b 'quoted");
            bob.send("Bob: hi Mel");
            screen.expect("Bob: hi Mel\n[lobby] ");
            // Mel's own datagram came back to her receiver before Bob's: it was skipped.
            assertThat(count(screen.screenText(), "Mel: wow! a\\b 'quoted")).isEqualTo(1);

            screen.type("half typ");
            screen.expect("half typ");
            bob.send("Bob: while you type");
            screen.expect("Bob: while you type\n[lobby] half typ");

            screen.type("\u001d");
            screen.expect("Left lobby.\nparley> ");
        }
    }

    /** Lists {@code room} on a fresh group, and enters it; returns the group. */
    private InetSocketAddress enterChat(String room) {
        LoopbackMulticast.require();
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        server.answer("getdir",
                "OK 1\n" + room + " " + group.getAddress().getHostAddress() + " " + group.getPort() + "\n");
        screen.typeLine("chat " + room);
        screen.expect("[" + room + "] ");
        return group;
    }

    @Test
    void aMessageOverTheDatagramLimitIsRefusedWithTheReason() {
        enterChat("big");

        screen.typeLine("x".repeat(MulticastChat.MAX_DATAGRAM_BYTES - "Mel: ".length() + 1));

        screen.expect("Not sent: the message is 1401 bytes, and a datagram carries at most 1400");
        screen.type("\u001d");
        screen.expect("Left big.");
    }

    @Test
    void aPastedLineHoldingCtrlBracketLeavesChatToo() {
        enterChat("r");

        // Bracketed paste puts text in the line without key bindings: the 0x1D in it is the fallback.
        screen.typeLine("\u001b[200~left\u001d\u001b[201~");

        screen.expect("Left r.\nparley> ");
    }

    @Test
    void anInterfaceThatDoesNotExistIsReportedWithTheOnesThatDo() throws Exception {
        server.answer("getdir", "OK 1\nr 239.0.0.1 5000\n");
        try (ScriptedTerminal other = new ScriptedTerminal()) {
            Thread elsewhere = start(other, Optional.of("nosuch0"));

            other.typeLine("chat r");

            other.expect("Cannot chat: no network interface nosuch0 (this host has ");
            other.expect("parley> ");
            other.endInput();
            elsewhere.join(ScriptedTerminal.TIMEOUT_MS);
        }
    }

    @Test
    void aRoomTheDirectoryDoesNotListIsReported() {
        server.answer("getdir", "OK 0\n");

        screen.typeLine("chat nowhere");

        screen.expect("The directory has no room named nowhere (getdir lists them).");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Another chat member, on the test's side: a plain multicast socket. */
    private static final class Peer implements AutoCloseable {
        private final MulticastSocket socket;
        private final InetSocketAddress group;

        Peer(InetSocketAddress group, NetworkInterface loopback) throws Exception {
            this.group = group;
            socket = new MulticastSocket(group.getPort());
            socket.joinGroup(new InetSocketAddress(group.getAddress(), 0), loopback);
            socket.setNetworkInterface(loopback);
            socket.setSoTimeout((int) ScriptedTerminal.TIMEOUT_MS);
        }

        void send(String message) throws Exception {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, group));
        }

        /** The next datagram from someone else (its own come back too, and are skipped). */
        String receive() throws Exception {
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no datagram within " + ScriptedTerminal.TIMEOUT_MS + " ms", e);
                }
                if (packet.getPort() != socket.getLocalPort()) {
                    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
