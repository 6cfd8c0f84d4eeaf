package io.parley.client.directory;

import io.parley.core.text.Text;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A room's multicast chat (spec: {@code shared/specs/directory.md}): each message is one UDP
 * datagram to the room's group and port, UTF-8 {@code <chat name>: <text>}, TTL 1.
 *
 * <p>Two sockets: the receiver, bound to the group's address and port (so that it gets only
 * this group's datagrams, even when another group on this host uses the same port), and the
 * sender, on a port of its own. The sender's datagrams come back to this host's receivers
 * (multicast loopback is on, or two clients on one host could not talk); the receiver knows its
 * own by their source, this host's address and the sender's port, and skips them, so the client
 * shows its own messages once, when it sends them.
 *
 * <p>Thread-safety: {@link #send} and {@link #close} from one thread (the client's input
 * thread); received messages are handed to the consumer on the chat's own receiving thread.
 */
final class MulticastChat implements Closeable {

    /** The largest datagram sent: fits one Ethernet frame with room for IP and UDP headers. */
    static final int MAX_DATAGRAM_BYTES = 1400;
    /** Datagrams stay on the local network (the spec's TTL 1). */
    static final int TIME_TO_LIVE = 1;
    /** The largest UDP payload; datagrams from others may be larger than ours. */
    private static final int RECEIVE_BUFFER_BYTES = 65_507;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final InetSocketAddress group;
    private final MulticastSocket receiver;
    private final MulticastSocket sender;
    private final Consumer<String> received;
    private final Thread receiving;

    private MulticastChat(InetSocketAddress group, MulticastSocket receiver, MulticastSocket sender,
            Consumer<String> received) {
        this.group = group;
        this.receiver = receiver;
        this.sender = sender;
        this.received = received;
        this.receiving = new Thread(this::receive, "parley-multicast-" + group);
        receiving.setDaemon(true);
    }

    /**
     * Joins {@code group} on {@code networkInterface} (empty: the system's choice) and starts
     * handing others' messages, as printable text, to {@code received}.
     */
    static MulticastChat join(InetSocketAddress group, Optional<NetworkInterface> networkInterface,
            Consumer<String> received) throws IOException {
        MulticastSocket receiver = new MulticastSocket(null);
        MulticastSocket sender = new MulticastSocket(null);
        try {
            receiver.setReuseAddress(true); // every client on this host binds the room's port
            bindToGroup(receiver, group);
            receiver.joinGroup(new InetSocketAddress(group.getAddress(), 0), networkInterface.orElse(null));
            // Its own port, never shared: that port is how the receiver recognises its own datagrams.
            sender.setReuseAddress(false);
            sender.bind(new InetSocketAddress(0));
            sender.setTimeToLive(TIME_TO_LIVE);
            sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (networkInterface.isPresent()) {
                sender.setNetworkInterface(networkInterface.get());
            }
        } catch (IOException e) {
            receiver.close();
            sender.close();
            throw e;
        }
        MulticastChat chat = new MulticastChat(group, receiver, sender, received);
        chat.receiving.start();
        return chat;
    }

    /**
     * Binds to the group's address, which on Linux and macOS filters by destination; where that
     * is refused (Windows), to the wildcard address with the group's port.
     */
    private static void bindToGroup(MulticastSocket receiver, InetSocketAddress group) throws SocketException {
        try {
            receiver.bind(group);
        } catch (SocketException e) {
            receiver.bind(new InetSocketAddress(group.getPort()));
        }
    }

    /** The number of bytes {@code message} takes in a datagram. */
    static int size(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Sends {@code message} as one datagram; one over {@link #MAX_DATAGRAM_BYTES} is refused. */
    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("a datagram of " + bytes.length + " bytes is over the limit");
        }
        sender.send(new DatagramPacket(bytes, bytes.length, group));
    }

    int timeToLive() throws IOException {
        return sender.getTimeToLive();
    }

    private void receive() {
        byte[] buffer = new byte[RECEIVE_BUFFER_BYTES];
        while (!receiver.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                receiver.receive(packet);
            } catch (IOException e) {
                return; // closed: the chat is over
            }
            if (!isOwn(packet)) {
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                received.accept(Text.clean(text, false));
            }
        }
    }

    private boolean isOwn(DatagramPacket packet) {
        return packet.getPort() == sender.getLocalPort() && isThisHost(packet.getAddress());
    }

    private static boolean isThisHost(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** Leaves the group and stops receiving; no message is handed on once this returns. */
    @Override
    public void close() {
        receiver.close();
        sender.close();
        try {
            receiving.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
