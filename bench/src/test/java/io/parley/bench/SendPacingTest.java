package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A loop's senders write each message when it falls due, stamped with its intended time or the
 * moment it is written ({@code --latency-from}), and record how late the bench wrote it; the
 * clock is passed in, never read.
 */
class SendPacingTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Recorder recorder = new Recorder(0);
    private final BenchMember member = new BenchMember(0, 0, BenchMember.Role.SENDER, 1, Protocol.LINE.driver());
    private final Sender sender = new Sender(0, member, MS, 0, 20, LatencyFrom.INTENDED);
    /** The test's clock: only ever what the test last polled at. */
    private long now;
    private final LoopSenders loop = new LoopSenders(channel.eventLoop(), List.of(sender), () -> now);

    SendPacingTest() {
        member.connected(channel, recorder, 0);
        member.joined(0, 0);
        channel.releaseOutbound(); // the join
        recorder.measureFrom(0);
        sender.schedule(10 * MS, 15 * MS);
        loop.start();
    }

    private void poll(long nanos) {
        now = nanos;
        loop.poll(nanos);
    }

    /** The stamps (ms) of the messages written since the last call, in order. */
    private List<Long> written() {
        return written(channel);
    }

    private static List<Long> written(EmbeddedChannel channel) {
        List<Long> intended = new ArrayList<>();
        Payload payload = new Payload();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                ByteBuf text = io.netty.buffer.Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
                assertThat(payload.parse(text, 0, text.writerIndex())).isTrue();
                intended.add(payload.stampNanos / MS);
                text.release();
            }
            out.release();
        }
        return intended;
    }

    @Test
    void nothingIsWrittenBeforeItIsDueAndALateLoopWritesEachWithItsOwnIntendedTime() {
        poll(9 * MS);
        assertThat(written()).isEmpty();

        poll(12 * MS + MS / 2); // 2.5 ms after the first was due
        assertThat(written()).containsExactly(10L, 11L, 12L);
        assertThat(loop.nextDueNanos()).isEqualTo(13 * MS);
        assertThat(recorder.sendLag.getTotalCount()).isEqualTo(3);
        assertThat(recorder.sendLag.getMaxValue()).isBetween(2_490L, 2_510L); // microseconds
        assertThat(recorder.sendLag.getMinValue()).isBetween(490L, 510L);

        poll(13 * MS);
        assertThat(written()).containsExactly(13L);
    }

    @Test
    void stampedAtTheWriteALateLoopStampsEachWithTheMomentItWritesThemAndStillRecordsItsLag() {
        EmbeddedChannel writing = new EmbeddedChannel();
        Recorder itsRecorder = new Recorder(0);
        BenchMember writer = new BenchMember(0, 0, BenchMember.Role.SENDER, 1, Protocol.LINE.driver());
        writer.connected(writing, itsRecorder, 0);
        writer.joined(0, 0);
        writing.releaseOutbound();
        itsRecorder.measureFrom(0);
        Sender stampsWrites = new Sender(0, writer, MS, 0, 20, LatencyFrom.WRITE);
        stampsWrites.schedule(10 * MS, 15 * MS);

        stampsWrites.sendDue(12 * MS);
        assertThat(written(writing)).containsExactly(12L, 12L, 12L);
        assertThat(itsRecorder.sendLag.getMaxValue()).isBetween(1_990L, 2_010L); // microseconds
        writing.finishAndReleaseAll();
    }

    @Test
    void theScheduleEndsAtItsStopWhichMayBeMovedAndStopEndsIt() {
        sender.stopAt(12 * MS);
        poll(20 * MS);
        assertThat(written()).containsExactly(10L, 11L);
        assertThat(loop.nextDueNanos()).isEqualTo(LoopSenders.NEVER);

        loop.stopAt(14 * MS);
        poll(20 * MS);
        assertThat(written()).containsExactly(12L, 13L);

        loop.stopAt(100 * MS);
        loop.stop();
        poll(30 * MS);
        assertThat(written()).isEmpty();
    }

    @Test
    void aClosedConnectionHasNothingDue() {
        poll(10 * MS);
        assertThat(written()).containsExactly(10L);
        channel.close();
        poll(11 * MS);
        assertThat(loop.nextDueNanos()).isEqualTo(LoopSenders.NEVER);
    }
}
