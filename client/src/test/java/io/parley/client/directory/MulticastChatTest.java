package io.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.client.testing.LoopbackMulticast;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two (and more) chats exchanging datagrams on loopback, each test on groups of its own. */
class MulticastChatTest {

    private NetworkInterface loopback;
    private final List<MulticastChat> chats = new ArrayList<>();

    @BeforeEach
    void requireMulticast() {
        loopback = LoopbackMulticast.require();
    }

    @AfterEach
    void leave() {
        chats.forEach(MulticastChat::close);
    }

    /** A chat on {@code group}, and the messages it receives. */
    private BlockingQueue<String> join(InetSocketAddress group) throws Exception {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        chats.add(MulticastChat.join(group, Optional.of(loopback), inbox::add));
        return inbox;
    }

    private MulticastChat last() {
        return chats.get(chats.size() - 1);
    }

    private static String next(BlockingQueue<String> inbox) throws InterruptedException {
        String message = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a datagram within 10 s").isNotNull();
        return message;
    }

    @Test
    void twoChatsExchangeMessagesAndNeitherGetsItsOwnBack() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        BlockingQueue<String> alice = join(group);
        MulticastChat aliceChat = last();
        BlockingQueue<String> bob = join(group);
        MulticastChat bobChat = last();

        aliceChat.send("Alice: Good morning!");
        assertThat(next(bob)).isEqualTo("Alice: Good morning!");
        bobChat.send("Bob: héllo ✓");

        // Alice's own datagram reached her receiver before Bob's did (one delivery pass per
        // datagram), so Bob's being the first she is handed shows that her own was skipped.
        assertThat(next(alice)).isEqualTo("Bob: héllo ✓");
    }

    @Test
    void aChatOnAnotherGroupWithTheSamePortHearsNothing() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        InetSocketAddress other = new InetSocketAddress(nextAddress(group.getAddress()), group.getPort());
        join(group);
        MulticastChat alice = last();
        BlockingQueue<String> bob = join(group);
        BlockingQueue<String> carol = join(other);
        join(other);
        MulticastChat dave = last();

        alice.send("Alice: for r1 only");
        assertThat(next(bob)).isEqualTo("Alice: for r1 only");
        dave.send("Dave: barrier");

        assertThat(next(carol)).isEqualTo("Dave: barrier");
    }

    @Test
    void datagramsOverTheLimitAreRefusedAndTheLimitItselfIsSent() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        join(group);
        MulticastChat alice = last();
        BlockingQueue<String> bob = join(group);
        String largest = "A: " + "é".repeat((MulticastChat.MAX_DATAGRAM_BYTES - 3) / 2) + "x";

        assertThat(MulticastChat.size(largest)).isEqualTo(MulticastChat.MAX_DATAGRAM_BYTES);
        assertThatThrownBy(() -> alice.send(largest + "x")).isInstanceOf(IllegalArgumentException.class);
        alice.send(largest);
        assertThat(next(bob)).isEqualTo(largest);
        assertThat(alice.timeToLive()).isEqualTo(MulticastChat.TIME_TO_LIVE);
    }

    @Test
    void controlCharactersFromOthersArePrintedHarmlessly() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        join(group);
        MulticastChat mallory = last();
        BlockingQueue<String> bob = join(group);

        mallory.send("M: \u001b[2Jcleared\rover\u0007");

        assertThat(next(bob)).isEqualTo("M: ?[2Jcleared?over?");
    }

    private static InetAddress nextAddress(InetAddress address) throws Exception {
        byte[] bytes = address.getAddress();
        bytes[3] = (byte) (bytes[3] == (byte) 250 ? 251 : bytes[3] + 1);
        return InetAddress.getByAddress(bytes);
    }
}
