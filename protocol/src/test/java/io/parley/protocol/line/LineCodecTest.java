package io.parley.protocol.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.protocol.PipelineFuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The line protocol's input, however the bytes arrive, as its users see it: alice types into the
 * real line pipeline on an {@link EmbeddedChannel}, and bob, in the same room, reads what she
 * said; or alice reads why she was disconnected.
 */
class LineCodecTest {

    private static final int LIMIT = 64;

    private final ChatService chat = PipelineFuzzing.inMemoryChat();
    private final EmbeddedChannel alice = connect();
    private final EmbeddedChannel bob = connect();

    private EmbeddedChannel connect() {
        return new EmbeddedChannel(new LineInitializer(chat, new RegisteredNames(List.of()),
                new LineSettings("lobby", LIMIT)));
    }

    @BeforeEach
    void bothJoin() {
        send(alice, "alice\n");
        send(bob, "bob\n");
        assertThat(seenBy(alice)).isEqualTo("* bob joined lobby\n");
        assertThat(seenBy(bob)).isEmpty();
    }

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    private static void send(EmbeddedChannel channel, byte... bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
        channel.checkException();
    }

    private static void send(EmbeddedChannel channel, String text) {
        send(channel, text.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code channel}'s user has been sent so far. */
    private static String seenBy(EmbeddedChannel channel) {
        channel.runPendingTasks();
        return PipelineFuzzing.output(channel);
    }

    @Test
    void aMessageTypedOneByteAtATimeArrivesWhole() {
        for (byte b : "hello, bob\n".getBytes(StandardCharsets.UTF_8)) {
            send(alice, b);
        }

        assertThat(seenBy(bob)).isEqualTo("alice: hello, bob\n");
    }

    @Test
    void messagesSentInOneWriteArriveAsManyInOrder() {
        send(alice, "one\ntwo\nthree\n");

        assertThat(seenBy(bob)).isEqualTo("alice: one\nalice: two\nalice: three\n");
    }

    @Test
    void aCharacterCutBetweenTwoWritesArrivesWhole() {
        byte[] coffee = "caf\u00e9 \u2615\n".getBytes(StandardCharsets.UTF_8);
        int insideTheCup = coffee.length - 2; // between the second and third bytes of U+2615
        send(alice, java.util.Arrays.copyOfRange(coffee, 0, insideTheCup));
        assertThat(seenBy(bob)).isEmpty();

        send(alice, java.util.Arrays.copyOfRange(coffee, insideTheCup, coffee.length));
        assertThat(seenBy(bob)).isEqualTo("alice: caf\u00e9 \u2615\n");
    }

    @Test
    void invalidUtf8ArrivesAsReplacementCharacters() {
        send(alice, (byte) 'o', (byte) 0xFF, (byte) 'k', (byte) 0xC3, (byte) '\n');

        assertThat(seenBy(bob)).isEqualTo("alice: o\uFFFDk\uFFFD\n");
    }

    @Test
    void crlfAndLfLineEndsLookTheSameToReaders() {
        send(alice, "with crlf\r\nwith lf\n");

        assertThat(seenBy(bob)).isEqualTo("alice: with crlf\nalice: with lf\n");
    }

    @Test
    void anEmptyLineIsAnEmptyMessage() {
        send(alice, "\n\r\n");

        assertThat(seenBy(bob)).isEqualTo("alice: \nalice: \n");
    }

    @Test
    void aLineOfExactlyTheLimitIsRelayed() {
        String longest = "x".repeat(LIMIT);
        send(alice, longest + "\n");

        assertThat(seenBy(bob)).isEqualTo("alice: " + longest + "\n");
    }

    @Test
    void aLineOverTheLimitDisconnectsItsSenderWithANoticeAndNothingOfItIsRelayed() {
        send(alice, "before\n");
        assertThat(seenBy(alice)).as("the room's messages, hers among them").isEqualTo("alice: before\n");

        send(alice, "x".repeat(LIMIT + 1));
        assertThat(seenBy(alice)).isEqualTo("* line too long (limit " + LIMIT + " bytes)\n");
        assertThat(alice.isOpen()).as("alice connected").isFalse();
        assertThat(seenBy(bob)).isEqualTo("alice: before\n* alice left lobby\n");
    }
}
