import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomRecord;
import io.parley.store.postgresql.PostgresStore;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two stores (nodes) on one database append N messages each to one room as fast as they can, and
 * the wall time is printed: how fast a cluster's writers get through one room's row lock, without
 * sockets or NATS. Run against a jar, on a fresh database (docs/performance.md, "A cluster of
 * nodes on this machine"):
 *
 *   java -cp server/target/parley.jar bench/OneRoomTwoNodes.java "postgresql://127.0.0.1:5432/DB?user=postgres" 5000
 */
public class OneRoomTwoNodes {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int perNode = Integer.parseInt(args[1]);
        try (PostgresStore a = PostgresStore.open(url, "a"); PostgresStore b = PostgresStore.open(url, "b")) {
            RoomRecord record = a.rooms().create("r").toCompletableFuture().join();
            Room room = new Room(record.ref(), record.name());
            CountDownLatch done = new CountDownLatch(2 * perNode);
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            Thread[] threads = new Thread[2];
            PostgresStore[] stores = {a, b};
            for (int t = 0; t < 2; t++) {
                PostgresStore store = stores[t];
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < perNode; i++) {
                        while (store.queuedBytes() > PostgresStore.DEFAULT_MAX_QUEUED_BYTES / 2) {
                            Thread.onSpinWait();
                        }
                        store.events().append(new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED,
                                new ChatMessage(0, Instant.now(), room.ref(), "a", ChatMessage.Kind.CHAT, "message " + i)),
                                (e, error) -> { if (error != null) failed.incrementAndGet(); done.countDown(); });
                    }
                });
                threads[t].start();
            }
            done.await();
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println(2 * perNode + " messages in " + ms + " ms: " + (2L * perNode * 1000 / Math.max(ms, 1)) + " msg/s, failed " + failed);
        }
    }
}
