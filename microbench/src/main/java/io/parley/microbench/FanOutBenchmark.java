package io.parley.microbench;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.ChatService;
import io.parley.core.room.Member;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The core's share of a message's fan-out: {@code ChatService.post} stamps it, the log places it
 * and calls back, the bus runs the room's lane (on the posting thread here), the room groups its
 * members by event loop and hands each loop one task that delivers to all of its members. Loops here run their task at once and members only count, so what is measured is
 * the core's cost per message (divide by {@code members} for the cost per delivery), not Netty's
 * or the kernel's.
 */
public class FanOutBenchmark extends HotPathBenchmark {

    /** Members in the room: a small room (W4's) and the big one (W3's). */
    @Param({"10", "500"})
    public int members;

    /** Event loops the members are spread over: the server runs one per core. */
    @Param({"1", "2"})
    public int loops;

    private ChatService chat;
    private Room room;
    private final List<CountingMember> recipients = new ArrayList<>();
    private long posted;

    @Setup(Level.Trial)
    public void fillRoom() {
        chat = StoreFreeCore.chat();
        room = StoreFreeCore.open(chat, "fan-out");
        List<Executor> eventLoops = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            eventLoops.add(new RunAtOnce());
        }
        for (int i = 0; i < members; i++) {
            CountingMember member = new CountingMember(chat.newMemberId(), eventLoops.get(i % loops));
            recipients.add(member);
            chat.join(room, member, "member-" + i).toCompletableFuture().join();
        }
    }

    @Benchmark
    public Object post() {
        posted++;
        return chat.post(room, "member-0", "a message of about the size the bench sends, give or take").toCompletableFuture();
    }

    /** A benchmark that delivered nothing would measure nothing: every member must have had every post. */
    @TearDown(Level.Trial)
    public void checkEveryoneReceivedEverything() {
        for (CountingMember member : recipients) {
            if (member.posts != posted) {
                throw new IllegalStateException(member + " received " + member.posts + " of " + posted + " posts");
            }
        }
    }

    /** An event loop that runs each task as it is handed over; a distinct instance is a distinct loop. */
    static final class RunAtOnce implements Executor {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    /** A member that counts the messages it receives. */
    static final class CountingMember implements Member {
        private final long id;
        private final Executor loop;
        long posts;
        private long lastId;

        CountingMember(long id, Executor loop) {
            this.id = id;
            this.loop = loop;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public Executor executor() {
            return loop;
        }

        @Override
        public void deliver(RoomEvent event) {
            if (event instanceof RoomEvent.Posted posted) {
                ChatMessage message = posted.chat();
                if (message.id() <= lastId) {
                    throw new IllegalStateException("out of order: " + message.id() + " after " + lastId);
                }
                lastId = message.id();
                posts++;
            }
        }

        @Override
        public String toString() {
            return "member " + id;
        }
    }
}
