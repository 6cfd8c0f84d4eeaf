package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The encoders that encode a room event once per event loop keep its bytes for the loop's next
 * recipient, but not the member a join or leave names: a departed member (and, in the server,
 * its closed channel and pipeline) must not stay reachable from the loop thread.
 */
class EncodedOncePerLoopTest {

    private static final Room ROOM = new Room(1, "lobby");

    private final EmbeddedChannel line = new EmbeddedChannel(new LineInitializer(PipelineFuzzing.inMemoryChat(),
            new RegisteredNames(List.of()), new LineSettings("lobby", 256)));
    private final EmbeddedChannel tcd = new EmbeddedChannel(new TcdInitializer(PipelineFuzzing.inMemoryChat(),
            new RegisteredNames(List.of()), new TcdSettings("test", 1024, false, () -> { })));

    @AfterEach
    void close() {
        line.finishAndReleaseAll();
        tcd.finishAndReleaseAll();
    }

    @Test
    void aLineMemberShownALeaveDoesNotKeepTheLeaver() throws InterruptedException {
        assertCollected(line, member -> new RoomEvent.Left(ROOM.id(), 0, MemberRef.of(member, "bob")));
    }

    @Test
    void aTcdMemberShownAnAnnouncedLeaveDoesNotKeepTheLeaver() throws InterruptedException {
        assertCollected(tcd, member -> new RoomEvent.Left(ROOM.id(), 0, MemberRef.of(member, "bob")));
    }

    /** Delivers {@code event} of a member that then departs, and waits (10 s at most) for it to be collected. */
    private static void assertCollected(EmbeddedChannel channel, Function<Member, RoomEvent> event)
            throws InterruptedException {
        ReferenceQueue<Member> collected = new ReferenceQueue<>();
        WeakReference<Member> departed = deliver(channel, event, collected);
        Reference<? extends Member> cleared = null;
        for (int attempt = 0; attempt < 100 && cleared == null; attempt++) {
            System.gc();
            cleared = collected.remove(100);
        }
        assertThat(cleared).as("the departed member, collected").isSameAs(departed);
    }

    /** Holds the member only while it is delivered: once this returns, only the encoder could keep it. */
    private static WeakReference<Member> deliver(EmbeddedChannel channel, Function<Member, RoomEvent> event,
            ReferenceQueue<Member> collected) {
        Member member = new Departed();
        channel.writeOutbound(event.apply(member));
        channel.releaseOutbound();
        return new WeakReference<>(member, collected);
    }

    private static final class Departed implements Member {
        @Override
        public long id() {
            return 99;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public void deliver(RoomEvent event) {}
    }
}
