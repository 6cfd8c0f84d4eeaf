package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection whose output stays past its cap is closed on the deadline, on the channel's own clock. */
class UnwritableDeadlineTest {

    private static final int TIMEOUT_MS = 1000;

    private static void setWritable(EmbeddedChannel channel, boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    @Test
    void aConnectionUnwritablePastTheDeadlineIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel(new UnwritableDeadline(TIMEOUT_MS));
        channel.freezeTime();
        setWritable(channel, false);

        channel.advanceTimeBy(TIMEOUT_MS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("still open before the deadline").isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("closed at the deadline").isFalse();
    }

    @Test
    void aConnectionThatDrainsInTimeStaysOpen() {
        EmbeddedChannel channel = new EmbeddedChannel(new UnwritableDeadline(TIMEOUT_MS));
        channel.freezeTime();
        setWritable(channel, false);
        channel.advanceTimeBy(TIMEOUT_MS / 2, TimeUnit.MILLISECONDS);
        setWritable(channel, true);

        channel.advanceTimeBy(TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
