package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The delivery decoders on EmbeddedChannel: whole, chunked, coalesced and bad input. */
class DeliveryDecoderTest {

    /** Turns listener calls into a list of events to assert on. */
    static final class Events implements DeliveryListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void joined(int roomRef, long joinId) {
            seen.add("joined " + roomRef + " " + joinId);
        }

        @Override
        public void left() {
            seen.add("left");
        }

        @Override
        public void message(ByteBuf buf, int from, int to) {
            seen.add("message " + buf.toString(from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        public void refused(String what) {
            seen.add("refused " + what);
        }
    }

    private final Events events = new Events();

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static void feed(EmbeddedChannel channel, String text) {
        channel.writeInbound(bytes(text));
    }

    @Test
    void lineMessagesAreTheTextAfterTheNameAndTheFirstOneMeansJoined() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDeliveryDecoder(events));
        feed(channel, "m1: hello\nm2: 0.5.123.xx\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message hello", "message 0.5.123.xx");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aLineSplitOverManyReadsIsOneMessage() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDeliveryDecoder(events));
        feed(channel, "m1: 3.");
        feed(channel, "14.15");
        assertThat(events.seen).isEmpty();
        feed(channel, "9xx\nm2");
        feed(channel, ": text: with colon\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message 3.14.159xx", "message text: with colon");
        channel.finishAndReleaseAll();
    }

    @Test
    void linePresenceNoticesAreSkipped() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDeliveryDecoder(events));
        feed(channel, "* m2 joined lobby\n* m2 left lobby\nm1: hello\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message hello");
        channel.finishAndReleaseAll();
    }

    @Test
    void lineNoticesAndStrangeLinesAreRefusals() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDeliveryDecoder(events));
        feed(channel, "* line too long (limit 16384 bytes)\nno colon here\n");
        assertThat(events.seen).containsExactly("refused * line too long (limit 16384 bytes)",
                "refused not a line-protocol message: no colon here");
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineWithoutEndBeyondTheLimitFails() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDeliveryDecoder(events));
        assertThatThrownBy(() -> feed(channel, "m1: " + "x".repeat(DeliveryDecoder.MAX_LINE_BYTES + 1)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("m1: xxx");
        channel.finishAndReleaseAll();
    }

    @Test
    void withAutoReadOffTheDecoderAsksForNoMoreInput() {
        AtomicInteger reads = new AtomicInteger();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                reads.incrementAndGet();
                ctx.read();
            }
        }, new LineDeliveryDecoder(events));
        channel.config().setAutoRead(false);
        reads.set(0);
        feed(channel, "m1: hello\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message hello");
        assertThat(reads).as("a slow consumer must really stop reading").hasValue(0);
        channel.finishAndReleaseAll();
    }

    @Test
    void tcdJoinedRelayLeftAndErrorInOneRead() {
        EmbeddedChannel channel = new EmbeddedChannel(new TcdDeliveryDecoder(events));
        feed(channel, "JOINED_CHATROOM: bench-0\nSERVER_IP: 127.0.0.1\nPORT: 7710\nROOM_REF: 3\nJOIN_ID: 42\n"
                + "CHAT: 3\nCLIENT_NAME: m1\nMESSAGE: m1 has joined this chatroom.\n\n"
                + "CHAT: 3\nCLIENT_NAME: m1\nMESSAGE: 1.7.99.x\n\n"
                + "LEFT_CHATROOM: 3\nJOIN_ID: 42\n"
                + "ERROR_CODE: 2\nERROR_DESCRIPTION: not a member of room 3\n");
        assertThat(events.seen).containsExactly("joined 3 42", "message m1 has joined this chatroom.",
                "message 1.7.99.x", "left", "refused ERROR_CODE: 2");
        channel.finishAndReleaseAll();
    }

    @Test
    void tcdBlocksSplitAnywhereAreReadTheSame() {
        String wire = "JOINED_CHATROOM: bench-0\nSERVER_IP: 127.0.0.1\nPORT: 7710\nROOM_REF: 12\nJOIN_ID: 5\n"
                + "CHAT: 12\nCLIENT_NAME: m2\nMESSAGE: 2.0.1000.xxxx\n\n";
        EmbeddedChannel channel = new EmbeddedChannel(new TcdDeliveryDecoder(events));
        for (int i = 0; i < wire.length(); i += 7) {
            feed(channel, wire.substring(i, Math.min(wire.length(), i + 7)));
        }
        assertThat(events.seen).containsExactly("joined 12 5", "message 2.0.1000.xxxx");
        channel.finishAndReleaseAll();
    }

    @Test
    void natsPongMeansJoinedMessagesAreTheirPayloadsAndPingIsAnswered() {
        EmbeddedChannel channel = new EmbeddedChannel(new NatsDeliveryDecoder(events));
        feed(channel, "INFO {\"server_id\":\"X\",\"max_payload\":1048576}\r\n+OK\r\nPONG\r\n"
                + "MSG parley-bench.0 1 8\r\n1.7.99.x\r\nMSG parley-bench.0 1 reply.to 4\r\n0.0.\r\nPING\r\nPONG\r\n"
                + "-ERR 'Slow Consumer'\r\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message 1.7.99.x", "message 0.0.",
                "refused -ERR 'Slow Consumer'");
        ByteBuf pong = channel.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("PONG\r\n");
        pong.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void natsMessagesSplitAnywhereAreReadTheSameAndAWrongLengthIsARefusal() {
        String wire = "PONG\r\nMSG parley-bench.3 1 13\r\n2.0.1000.xxxx\r\nMSG parley-bench.3 1 99\r\n2.1.1.\r\nbogus\r\n";
        EmbeddedChannel channel = new EmbeddedChannel(new NatsDeliveryDecoder(events));
        for (int i = 0; i < wire.length(); i += 5) {
            feed(channel, wire.substring(i, Math.min(wire.length(), i + 5)));
        }
        assertThat(events.seen).containsExactly("joined 0 0", "message 2.0.1000.xxxx",
                "refused a NATS payload of 6 bytes where 99 were announced", "refused not a NATS server line: bogus");
        channel.finishAndReleaseAll();
    }

    @Test
    void aNatsMessageBeforeThePongProvesTheJoinToo() {
        EmbeddedChannel channel = new EmbeddedChannel(new NatsDeliveryDecoder(events));
        feed(channel, "MSG parley-bench.1 1 6\r\n4.2.7.\r\nPONG\r\nMSG parley-bench.1 1 6\r\n4.3.8.\r\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message 4.2.7.", "message 4.3.8.");
        channel.finishAndReleaseAll();
    }

    @Test
    void natsMessagesAnnounceTheLengthOfTheirPayload() {
        NatsDriver driver = new NatsDriver();
        ByteBuf out = Unpooled.buffer();
        driver.writeMessage(out, driver.messagePrefix("m1", 4, 0, 0), 3, 12, 34_567, 20);
        driver.writeMessage(out, driver.messagePrefix("m1", 4, 0, 0), 3, 13, 1_234_567_890_123L, 5);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("PUB parley-bench.4 20\r\n3.12.34567.xxxxxxxxx\r\n"
                + "PUB parley-bench.4 19\r\n3.13.1234567890123.\r\n");
        out.release();
    }

    @Test
    void payloadsRoundTripAndOtherTextIsNotOne() {
        ByteBuf buf = Unpooled.buffer();
        Payload.write(buf, 17, 123_456, 9_876_543_210L, 100);
        assertThat(buf.readableBytes()).isEqualTo(100);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).startsWith("17.123456.9876543210.xxx");
        Payload payload = new Payload();
        assertThat(payload.parse(buf, 0, buf.writerIndex())).isTrue();
        assertThat(payload.sender).isEqualTo(17);
        assertThat(payload.seq).isEqualTo(123_456);
        assertThat(payload.stampNanos).isEqualTo(9_876_543_210L);
        ByteBuf small = Unpooled.buffer();
        Payload.write(small, 0, 0, 0, 3);
        assertThat(small.toString(StandardCharsets.US_ASCII)).isEqualTo("0.0.0.");
        for (String other : List.of("m1 has joined this chatroom.", "hello", "1.2", "a.2.3.", "1.2.3", "1..3.", "1.2.3x.", "4294967296.2.3.")) {
            ByteBuf text = bytes(other);
            assertThat(payload.parse(text, 0, text.writerIndex())).as(other).isFalse();
            text.release();
        }
        buf.release();
        small.release();
    }

    @Test
    void ircSubsetEndOfNamesMeansJoinedPrivmsgIsAMessagePingIsAnsweredErrorsAreRefusals() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcSubsetDeliveryDecoder(events));
        feed(channel, ":ref 001 m1 :Welcome\r\n:ref 422 m1 :MOTD File is missing\r\n:m1!u@h JOIN #r0\r\n:ref 366 m1 #r0 :End\r\n"
                + ":m2!u@h PRIVMSG #r0 :0.5.123.x :y\r\nPING :tok\r\n:ref 433 * m1 :Nickname is already in use\r\n"
                + ":srv NOTICE m1 :hi\r\n@time=2026-01-01T00:00:00Z :m3!u@h PRIVMSG #r0 1.2.3.xx\r\n");
        assertThat(events.seen).containsExactly("joined 0 0", "message 0.5.123.x :y",
                "refused :ref 433 * m1 :Nickname is already in use", "message 1.2.3.xx");
        ByteBuf pong = channel.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("PONG :tok\r\n");
        pong.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void ircSubsetLinesSplitAnywhereAreReadTheSame() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcSubsetDeliveryDecoder(events));
        String input = ":ref 366 m1 #r0 :End\r\n:m2!u@h PRIVMSG #r0 :1.2.3.xx\r\n";
        for (int i = 0; i < input.length(); i += 3) {
            feed(channel, input.substring(i, Math.min(input.length(), i + 3)));
        }
        assertThat(events.seen).containsExactly("joined 0 0", "message 1.2.3.xx");
        channel.finishAndReleaseAll();
    }

    @Test
    void ircOwnJoinMeansJoinedWithoutMotdAndOneWordTextsAreMessagesErrorsAreRefusals() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcDeliveryDecoder(events));
        feed(channel, ":srv CAP * ACK :echo-message\r\n:srv 001 m1 :Welcome\r\n:srv 422 m1 :MOTD File is missing\r\n"
                + ":m2!u@h JOIN #bench-3\r\n:m1!u@h JOIN :#bench-3\r\n:srv 366 m1 #bench-3 :End\r\n"
                + "@time=2026-01-01T00:00:00Z :m2!u@h PRIVMSG #bench-3 :0.5.123.x :y\r\n:m3!u@h PRIVMSG #bench-3 1.2.3.xx\r\n"
                + "PING :tok\r\n:srv 462 m1 :You may not reregister\r\n:srv 404 m1 #bench-3 :Cannot send\r\n"
                + ":m2!u@h PART #bench-3\r\n:m1!u@h PART #bench-3\r\n");
        assertThat(events.seen).containsExactly("joined 3 0", "message 0.5.123.x :y", "message 1.2.3.xx",
                "refused 404 m1 #bench-3 :Cannot send", "left");
        ByteBuf pong = channel.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("PONG :tok\r\n");
        pong.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void ircHoldsTheJoinUntilWelcomedAndEchoesLocallyWhenEchoMessageIsRefused() {
        IrcDeliveryDecoder decoder = new IrcDeliveryDecoder(events);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        ByteBuf register = Unpooled.buffer();
        new IrcDriver().join(register, "m1", 2);
        channel.writeOutbound(register);
        ByteBuf first = channel.readOutbound();
        assertThat(first.toString(StandardCharsets.US_ASCII)).startsWith("CAP REQ :echo-message\r\n").doesNotContain("JOIN");
        first.release();

        feed(channel, ":srv CAP * NAK :echo-message\r\n:srv 001 m1 :Welcome\r\n");
        ByteBuf join = channel.readOutbound();
        assertThat(join.toString(StandardCharsets.US_ASCII)).isEqualTo("JOIN #bench-2\r\n");
        join.release();
        assertThat(decoder.localEcho()).isTrue();

        channel.writeOutbound(Unpooled.copiedBuffer("PRIVMSG #bench-2 :1.0.5.xx\r\n", StandardCharsets.US_ASCII));
        assertThat(events.seen).containsExactly("message 1.0.5.xx");
        assertThat(new IrcDriver().echoes()).as("a sender receives its own messages either way").isTrue();
        assertThat(new IrcSubsetDriver().echoes()).isFalse();
        channel.finishAndReleaseAll();
    }
}
