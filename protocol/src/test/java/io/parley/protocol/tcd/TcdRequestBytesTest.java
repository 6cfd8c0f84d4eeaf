package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.PipelineFuzzing;
import io.parley.core.account.RegisteredNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request-size limit counts the bytes the client sent, as docs/limits.md says, in TCD's real
 * pipeline: a byte that is not UTF-8 (a Latin-1 client's 'é') counts one, not the three of the
 * U+FFFD it is decoded to.
 */
class TcdRequestBytesTest {

    private static final int LIMIT = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new TcdInitializer(PipelineFuzzing.inMemoryChat(),
            new RegisteredNames(List.of()), new TcdSettings("test", LIMIT, false, () -> { })));

    private String send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
        channel.checkException();
        return PipelineFuzzing.output(channel);
    }

    @Test
    void aLatin1NameUnderTheLimitOnTheWireIsNotTooLong() {
        byte[] latin1Name = new byte[400];
        Arrays.fill(latin1Name, (byte) 0xE9);
        ByteArrayOutputStream join = new ByteArrayOutputStream();
        join.writeBytes("JOIN_CHATROOM: room1\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: "
                .getBytes(StandardCharsets.US_ASCII));
        join.writeBytes(latin1Name);
        join.write('\n');
        assertThat(join.size()).isLessThan(LIMIT).isGreaterThan(LIMIT / 3);

        String reply = send(join.toByteArray());

        assertThat(reply).doesNotContain("too long").isNotEmpty();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
