package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.RoomModeLink;
import io.parley.testing.CuttableRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NatsRoomModeLink} against the real nats-server: a change stored on one node reaches the
 * others whole (and not its own node), and a node whose connection was cut is told when it is
 * back, so that it reads again what it may have missed.
 */
class NatsRoomModeLinkTest {

    private final String prefix = RealNats.uniquePrefix();
    private final InMemoryEventLog log = new InMemoryEventLog();
    private NatsRoomBus busA;
    private NatsRoomBus busB;

    /** What a node's listener heard. */
    private static final class Heard implements RoomModeLink.Listener {
        final BlockingQueue<RoomModeLink.Notice> notices = new LinkedBlockingQueue<>();
        final BlockingQueue<RoomModeLink.TopicNotice> topics = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> reconnected = new CompletableFuture<>();

        @Override
        public void changed(RoomModeLink.Notice notice) {
            notices.add(notice);
        }

        @Override
        public void topicChanged(RoomModeLink.TopicNotice notice) {
            topics.add(notice);
        }

        @Override
        public void reconnected() {
            reconnected.complete(null);
        }
    }

    @BeforeEach
    void start() throws Exception {
        RealNats.require();
        busA = NatsRoomBus.connect(RealNats.settings(prefix, "a"), Runnable::run, log);
        busB = NatsRoomBus.connect(RealNats.settings(prefix, "b"), Runnable::run, log);
    }

    @AfterEach
    void stop() {
        busA.close();
        busB.close();
    }

    @Test
    void aChangeReachesTheOtherNodesWholeAndNotItsOwn() throws Exception {
        NatsRoomModeLink onA = NatsRoomModeLink.on(busA, RealNats.settings(prefix, "a"));
        NatsRoomModeLink onB = NatsRoomModeLink.on(busB, RealNats.settings(prefix, "b"));
        Heard heardOnA = new Heard();
        Heard heardOnB = new Heard();
        onA.listen(heardOnA);
        onB.listen(heardOnB);
        busA.connection().flush(Duration.ofSeconds(5)); // the subscriptions are in place at the server
        busB.connection().flush(Duration.ofSeconds(5));

        RoomModeLink.Notice first = new RoomModeLink.Notice(7, "op!~op@h", Instant.ofEpochMilli(1_700_000_000_123L),
                List.of("+kb", "sesame", "troll!*@*"), "knt", "sesame", 0);
        RoomModeLink.Notice second = new RoomModeLink.Notice(7, "op!~op@h", Instant.ofEpochMilli(1_700_000_000_456L),
                List.of("-k+l", "*", "5"), "lnt", null, 5);
        onA.changed(first);
        onA.changed(second);
        onB.changed(new RoomModeLink.Notice(8, "b!~b@h", Instant.ofEpochMilli(1), List.of("+m"), "mnt", null, 0));

        assertThat(heardOnB.notices.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(heardOnB.notices.poll(10, TimeUnit.SECONDS)).isEqualTo(second);
        RoomModeLink.Notice fromB = heardOnA.notices.poll(10, TimeUnit.SECONDS);
        assertThat(fromB.roomRef()).isEqualTo(8);
        // Each node's own changes came back to it too (NATS echoes them) and were dropped: b's
        // queue holds nothing after a's two, a's nothing after b's one.
        busA.connection().flush(Duration.ofSeconds(5));
        busB.connection().flush(Duration.ofSeconds(5));
        onA.changed(new RoomModeLink.Notice(9, "x", Instant.ofEpochMilli(2), List.of("+i"), "int", null, 0));
        assertThat(heardOnB.notices.poll(10, TimeUnit.SECONDS).roomRef()).isEqualTo(9);
        onB.changed(new RoomModeLink.Notice(10, "y", Instant.ofEpochMilli(3), List.of("+s"), "nst", null, 0));
        assertThat(heardOnA.notices.poll(10, TimeUnit.SECONDS).roomRef()).isEqualTo(10);
    }

    @Test
    void aTopicReachesTheOtherNodesWholeAndNotItsOwn() throws Exception {
        NatsRoomModeLink onA = NatsRoomModeLink.on(busA, RealNats.settings(prefix, "a"));
        NatsRoomModeLink onB = NatsRoomModeLink.on(busB, RealNats.settings(prefix, "b"));
        Heard heardOnA = new Heard();
        Heard heardOnB = new Heard();
        onA.listen(heardOnA);
        onB.listen(heardOnB);
        busA.connection().flush(Duration.ofSeconds(5));
        busB.connection().flush(Duration.ofSeconds(5));

        RoomModeLink.TopicNotice set = new RoomModeLink.TopicNotice(7, "Réunion à 10h", "op!~op@h", "op",
                Instant.ofEpochMilli(1_700_000_000_123L));
        RoomModeLink.TopicNotice cleared = new RoomModeLink.TopicNotice(7, "", "op!~op@h", "op",
                Instant.ofEpochMilli(1_700_000_000_456L));
        onA.topicChanged(set);
        onA.topicChanged(cleared);
        assertThat(heardOnB.topics.poll(10, TimeUnit.SECONDS)).isEqualTo(set);
        assertThat(heardOnB.topics.poll(10, TimeUnit.SECONDS)).isEqualTo(cleared);
        assertThat(heardOnB.notices).isEmpty();
        // a's own topics came back to it and were dropped: the first thing a hears is b's.
        onB.topicChanged(new RoomModeLink.TopicNotice(8, "b's", "b!~b@h", "b", Instant.ofEpochMilli(1)));
        assertThat(heardOnA.topics.poll(10, TimeUnit.SECONDS).roomRef()).isEqualTo(8);
    }

    @Test
    void aNodeWhoseConnectionWasCutIsToldWhenItIsBack() throws Exception {
        try (CuttableRelay relay = new CuttableRelay(4222)) {
            BusSettings throughRelay = new BusSettings(relay.url("nats"), "c", prefix, Duration.ofMillis(50),
                    Duration.ofSeconds(5));
            NatsRoomBus busC = NatsRoomBus.connect(throughRelay, Runnable::run, log);
            try {
                Heard heardOnC = new Heard();
                NatsRoomModeLink.on(busC, throughRelay).listen(heardOnC);
                relay.cut();
                busC.untilConnected(false).get(10, TimeUnit.SECONDS);
                assertThat(heardOnC.reconnected).isNotDone();
                relay.heal();
                heardOnC.reconnected.get(10, TimeUnit.SECONDS);
            } finally {
                busC.close();
            }
        }
    }
}
