package io.parley.microbench;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.room.ChatService;
import io.parley.core.room.Room;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A message's fan-out to a room of real protocol connections, each through the member's
 * ({@code ChannelMember}) write path and its burst's flush: the core's hand-over, the member's
 * write, the protocol's encoding (once per loop), the outbound handlers and the channel's
 * outbound buffer, without a socket (an {@link EmbeddedChannel} takes what is flushed). Each
 * connection has a loop of its own here, so a room costs a task per member; divide by
 * {@code members} for the cost per delivery.
 */
public class DeliveryBenchmark extends HotPathBenchmark {

    @Param({"LINE", "TCD"})
    public WireProtocol protocol;

    /** Members in the room: a small room (W4's) and the big one (W3's). */
    @Param({"10", "500"})
    public int members;

    /**
     * Messages per burst: each member's loop runs after this many posts, so its connection's burst
     * holds them all (W3's bursts held about 20 under load). Divide by {@code members * burst}.
     */
    @Param({"1", "20"})
    public int burst;

    private ChatService chat;
    private Room room;
    private final List<EmbeddedChannel> connections = new ArrayList<>();
    private long delivered;
    private long posted;

    @Setup(Level.Trial)
    public void fillRoom() {
        chat = StoreFreeCore.chat();
        room = StoreFreeCore.open(chat, WireProtocol.ROOM);
        for (int i = 0; i < members; i++) {
            EmbeddedChannel connection = protocol.connect(chat);
            connections.add(connection);
            protocol.register(connection, "member-" + i);
            connections.forEach(DeliveryBenchmark::runAndDrain); // the join's announcements
        }
    }

    @Benchmark
    public long post() {
        for (int i = 0; i < burst; i++) {
            posted++;
            chat.post(room, "member-0", WireProtocol.TEXT);
        }
        long bytes = 0;
        for (EmbeddedChannel connection : connections) {
            bytes += runAndDrain(connection);
        }
        delivered += bytes;
        return bytes;
    }

    private static int runAndDrain(EmbeddedChannel connection) {
        connection.runPendingTasks();
        return WireProtocol.Connections.drain(connection);
    }

    /** A benchmark that delivered nothing would measure nothing: every member had every post. */
    @TearDown(Level.Trial)
    public void close() {
        long perPost = posted == 0 ? 0 : delivered / posted;
        for (EmbeddedChannel connection : connections) {
            connection.checkException();
            connection.finishAndReleaseAll();
        }
        if (posted > 0 && (perPost == 0 || delivered % posted != 0)) {
            throw new IllegalStateException(protocol + ": " + delivered + " bytes for " + posted + " posts");
        }
    }
}
