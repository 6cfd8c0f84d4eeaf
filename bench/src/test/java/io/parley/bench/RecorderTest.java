package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Recorder's counts: every sequence gap is a loss, every repeat a duplicate. */
class RecorderTest {

    private static final long EPOCH = 1_000_000_000L;
    private final Recorder recorder = new Recorder(EPOCH);
    private final Payload payload = new Payload();

    private void receive(Receipts receipts, int sender, long seq) {
        payload.sender = sender;
        payload.seq = seq;
        payload.stampNanos = 1_000_000;
        recorder.delivered(receipts, payload, EPOCH + 3_000_000);
    }

    @Test
    void anExactMemberOwesEveryMessageFromZeroToTheLastSent() {
        Receipts receipts = new Receipts(Receipts.Check.EXACT, 2);
        receipts.joined();
        receive(receipts, 0, 0);
        receive(receipts, 0, 1);
        receive(receipts, 0, 4); // 2 and 3 lost
        receive(receipts, 1, 1); // 0 lost
        receive(receipts, 0, 4); // duplicate
        receive(receipts, 0, 3); // out of order: counted with the duplicates
        recorder.missingAtEnd(receipts.missingAtEnd(new int[] {0, 1}, new long[] {6, 2})); // 5 never came

        Recorder.Tally tally = recorder.tally();
        assertThat(tally.delivered).isEqualTo(4);
        assertThat(tally.lost).isEqualTo(3);
        assertThat(tally.missing).isEqualTo(1);
        assertThat(tally.duplicated).isEqualTo(2);
        assertThat(tally.payloads).isEqualTo(6);
        assertThat(tally.delivered + tally.lost + tally.missing).as("every expected delivery is accounted for")
                .isEqualTo(6 + 2);
    }

    @Test
    void aChurningMemberIsJudgedFromItsFirstMessageAndAfterItLeaves() {
        Receipts receipts = new Receipts(Receipts.Check.WINDOW, 1);
        receipts.joined();
        receive(receipts, 0, 10); // its first: nothing before it was owed
        receive(receipts, 0, 11);
        receive(receipts, 0, 13); // 12 lost
        receipts.left();
        receive(receipts, 0, 14); // after leaving
        receipts.joined();
        receive(receipts, 0, 20); // a new membership starts afresh

        Recorder.Tally tally = recorder.tally();
        assertThat(tally.windowDelivered).isEqualTo(4);
        assertThat(tally.delivered).isZero();
        assertThat(tally.lost).isEqualTo(1);
        assertThat(tally.unexpected).isEqualTo(1);
    }

    @Test
    void slowConsumersAndForeignSendersAreNotJudged() {
        Receipts slow = new Receipts(Receipts.Check.NONE, 1);
        slow.joined();
        receive(slow, 0, 5);
        Receipts exact = new Receipts(Receipts.Check.EXACT, 1);
        exact.joined();
        receive(exact, 7, 0); // a sender this run does not have
        recorder.other();

        Recorder.Tally tally = recorder.tally();
        assertThat(tally.lost).isZero();
        assertThat(tally.delivered).isZero();
        assertThat(tally.others).isEqualTo(2);
        assertThat(tally.payloads).isEqualTo(2);
    }

    @Test
    void latencyCountsFromTheIntendedTimeAndOnlyOnceMeasuring() {
        Receipts receipts = new Receipts(Receipts.Check.EXACT, 1);
        receipts.joined();
        receive(receipts, 0, 0); // before measureFrom: counted, not timed
        recorder.measureFrom(EPOCH);
        receive(receipts, 0, 1);
        assertThat(recorder.latency.getTotalCount()).isEqualTo(1);
        assertThat(recorder.latency.getMaxValue()).isBetween(1990L, 2010L); // 2 ms in microseconds
        assertThat(recorder.tally().delivered).isEqualTo(2);

        Recorder total = new Recorder(0);
        recorder.addTo(total);
        recorder.addTo(total);
        assertThat(total.tally().delivered).isEqualTo(4);
        assertThat(total.latency.getTotalCount()).isEqualTo(2);
    }
}
