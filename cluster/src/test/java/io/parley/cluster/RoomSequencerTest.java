package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.MemberRef;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoomSequencerTest {

    private static final RoomId ROOM = new RoomId(7, "r");
    private final RoomSequencer sequencer = new RoomSequencer(ROOM);
    private final List<RoomEvent> out = new ArrayList<>();

    @Test
    void messagesComeOutInSequenceOrderWhateverOrderTheyArriveIn() {
        take(posted(1));
        take(posted(3));
        take(posted(4));
        assertThat(sequences()).containsExactly(1L);
        assertThat(sequencer.hasGap()).isTrue();
        take(posted(2));
        assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sequencer.hasGap()).isFalse();
    }

    @Test
    void aDuplicateIsDroppedButItsCallbackRuns() {
        AtomicInteger confirmed = new AtomicInteger();
        take(posted(1));
        out.addAll(sequencer.accept(new RoomSequencer.Pending(posted(1), confirmed::incrementAndGet))
                .stream().map(RoomSequencer.Pending::event).toList());
        take(posted(3));
        // 3 arrives again, from this node's log, while it waits: one delivery, its callback kept.
        for (RoomSequencer.Pending ready : sequencer.accept(new RoomSequencer.Pending(posted(3), confirmed::incrementAndGet))) {
            out.add(ready.event());
        }
        List<RoomSequencer.Pending> rest = sequencer.accept(RoomSequencer.remote(posted(2)));
        rest.forEach(p -> {
            out.add(p.event());
            p.delivered().run();
        });
        assertThat(sequences()).containsExactly(1L, 2L, 3L);
        assertThat(confirmed).hasValue(2);
    }

    @Test
    void presenceComesRightAfterTheMessageItNamesAndBeforeTheNext() {
        take(posted(1));
        take(joined(2, "late"));   // waits for message 2
        take(posted(3));
        take(joined(1, "now"));    // message 1 was the last: at once
        assertThat(names()).containsExactly("1", "now");
        take(posted(2));
        assertThat(names()).containsExactly("1", "now", "2", "late", "3");
    }

    @Test
    void presenceOvertakenByALaterMessageTakesTheCurrentPlace() {
        take(posted(1));
        take(posted(2));
        take(joined(1, "slow"));
        assertThat(out.get(2)).isInstanceOf(RoomEvent.Joined.class);
        assertThat(out.get(2).sequence()).as("raised to the last message delivered").isEqualTo(2);
    }

    @Test
    void theFirstEventSetsWhereTheNodeStarts() {
        take(posted(41));
        take(posted(42));
        assertThat(sequences()).containsExactly(41L, 42L);
    }

    @Test
    void theCodecCarriesEveryFieldAcross() {
        RoomEvent message = new RoomEvent.Posted(new RoomId(3, "Caf\u00e9 \u2603"), 9,
                new ChatMessage(77, Instant.ofEpochSecond(1700000000, 123456789), 3, "b\u00f6b", ChatMessage.Kind.CHAT,
                        "line\r\nwith \u0000 control"));
        RoomEvent join = new RoomEvent.Left(new RoomId(3, "x"), 4, new MemberRef("node-b", 12, "n"));
        assertThat(EventCodec.decode(EventCodec.encode(message))).isEqualTo(message);
        assertThat(EventCodec.decode(EventCodec.encode(join))).isEqualTo(join);
    }

    private void take(RoomEvent event) {
        for (RoomSequencer.Pending ready : sequencer.accept(RoomSequencer.remote(event))) {
            out.add(ready.event());
        }
    }

    private List<Long> sequences() {
        return out.stream().map(RoomEvent::sequence).toList();
    }

    private List<String> names() {
        return out.stream().map(e -> e instanceof RoomEvent.Joined j ? j.name() : Long.toString(e.sequence())).toList();
    }

    private static RoomEvent posted(long sequence) {
        return new RoomEvent.Posted(ROOM, sequence,
                new ChatMessage(sequence, Instant.EPOCH, ROOM.ref(), "a", ChatMessage.Kind.CHAT, "m" + sequence));
    }

    private static RoomEvent joined(long sequence, String name) {
        return new RoomEvent.Joined(ROOM, sequence, new MemberRef("n", sequence, name));
    }
}
