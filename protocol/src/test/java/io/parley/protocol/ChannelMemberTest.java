package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a member does with something pushed to it, whatever the protocol. */
class ChannelMemberTest {

    @Test
    void aClosedConnectionIsWrittenNothingAndWhatWasPushedIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelMember member = new ChannelMember(1, channel);
        channel.close();
        ByteBuf message = Unpooled.copiedBuffer("hello\n", StandardCharsets.UTF_8);

        assertThat(member.push(message)).as("written").isFalse();
        assertThat(message.refCnt()).isZero();
    }

    @Test
    void anOpenConnectionIsWrittenWhatWasPushedOnceTheBurstEnds() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelMember member = new ChannelMember(1, channel);

        assertThat(member.push(Unpooled.copiedBuffer("hello\n", StandardCharsets.UTF_8))).as("written").isTrue();
        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        out.release();
        channel.finishAndReleaseAll();
    }
}
