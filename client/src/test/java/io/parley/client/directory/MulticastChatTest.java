package io.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.testing.LoopbackMulticast;
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

    /** A chat in a test: the chat, and the messages it is handed. */
    private record Member(MulticastChat chat, BlockingQueue<String> inbox) {
        void say(String message) throws Exception {
            chat.send(message);
        }

        String next() throws InterruptedException {
            String message = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a datagram within 10 s").isNotNull();
            return message;
        }
    }

    private Member join(InetSocketAddress group) throws Exception {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        MulticastChat chat = MulticastChat.join(group, Optional.of(loopback), inbox::add);
        chats.add(chat);
        return new Member(chat, inbox);
    }

    @Test
    void twoChatsExchangeMessagesAndNeitherGetsItsOwnBack() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        Member alice = join(group);
        Member bob = join(group);

        alice.say("Alice: Good morning!");
        assertThat(bob.next()).isEqualTo("Alice: Good morning!");
        bob.say("Bob: héllo ✓");

        // Alice's own datagram reached her receiver before Bob's did (one delivery pass per
        // datagram), so Bob's being the first she is handed shows that her own was skipped.
        assertThat(alice.next()).isEqualTo("Bob: héllo ✓");
    }

    @Test
    void aChatOnAnotherGroupWithTheSamePortHearsNothing() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        InetSocketAddress other = new InetSocketAddress(nextAddress(group.getAddress()), group.getPort());
        Member alice = join(group);
        Member bob = join(group);
        Member carol = join(other);
        Member dave = join(other);

        alice.say("Alice: for r1 only");
        assertThat(bob.next()).isEqualTo("Alice: for r1 only");
        dave.say("Dave: barrier");

        assertThat(carol.next()).isEqualTo("Dave: barrier");
    }

    @Test
    void datagramsOverTheLimitAreRefusedAndTheLimitItselfIsSent() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        Member alice = join(group);
        Member bob = join(group);
        String largest = "A: " + "é".repeat((MulticastChat.MAX_DATAGRAM_BYTES - 3) / 2) + "x";

        assertThat(MulticastChat.size(largest)).isEqualTo(MulticastChat.MAX_DATAGRAM_BYTES);
        assertThatThrownBy(() -> alice.say(largest + "x")).isInstanceOf(IllegalArgumentException.class);
        alice.say(largest);
        assertThat(bob.next()).isEqualTo(largest);
        assertThat(alice.chat().timeToLive()).isEqualTo(MulticastChat.TIME_TO_LIVE);
    }

    @Test
    void controlCharactersFromOthersArePrintedHarmlessly() throws Exception {
        InetSocketAddress group = LoopbackMulticast.freshGroup();
        Member mallory = join(group);
        Member bob = join(group);

        mallory.say("M: \u001b[2Jcleared\rover\u0007");

        assertThat(bob.next()).isEqualTo("M: \uFFFD[2Jcleared\uFFFDover\uFFFD");
    }

    private static InetAddress nextAddress(InetAddress address) throws Exception {
        byte[] bytes = address.getAddress();
        bytes[3] = (byte) (bytes[3] == (byte) 250 ? 251 : bytes[3] + 1);
        return InetAddress.getByAddress(bytes);
    }
}
