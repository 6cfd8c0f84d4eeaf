package io.parley.server;

import static org.assertj.core.api.Assertions.fail;

import io.parley.testing.WireClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 finding 17: the shutdown notice goes out after the reply to the request in progress,
 * so a client that pairs each reply with its request in order reads the notice as the answer to
 * a request of its own, never in place of one.
 */
class ShutdownOrderTest {

    /** Far longer than the test: the join waits for the lock, and only the test ends that wait. */
    private static final String BUSY_TIMEOUT_MS = "600000";

    @RegisterExtension
    final ParleyExtension parley = ParleyExtension.withConfig(ServerConfig.STORE_BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS);

    @Test
    void theNoticeFollowsTheReplyToTheRequestInProgress() throws Exception {
        ParleyServer server = parley.parley();
        Thread stopper = new Thread(server::stop, "test-stopper");
        try (TcdClient client = TcdClient.connect(server.port("tcd"));
                Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + parley.data().resolve("parley.db"));
                Statement lock = intruder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            // One write, so one read on the server: the join is in progress (waiting for the
            // store, which another process holds locked) once the HELO is answered.
            client.send("HELO first\n" + TcdMessages.join("newroom", "tom"));
            client.expect(TcdMessages.helo("first", server.port("tcd")));

            // The stop has asked every connection for its notice and waits for them to be
            // written; only then may the join go on. A notice that did not wait for the reply is
            // on the wire by now.
            stopper.start();
            awaitWaiting(stopper);
            lock.execute("ROLLBACK");

            // The join's own reply (and the announcement that comes with it), then the notice.
            TcdClient.Joined joined = client.expectJoined("newroom");
            client.expect(TcdMessages.joinedAnnouncement(joined.ref(), "tom"));
            client.expect("ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n");
            client.expectEof();
        } finally {
            if (stopper.getState() == Thread.State.NEW) {
                server.stop();
            } else {
                stopper.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /**
     * Waits until {@code stopper} waits with a timeout: the first time {@link ParleyServer#stop}
     * does is for the notices it has just asked every connection to write (nothing before that
     * blocks with a timeout), so by then each connection has its notice in hand.
     */
    private static void awaitWaiting(Thread stopper) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WireClient.TIMEOUT_MS);
        while (stopper.getState() != Thread.State.TIMED_WAITING) {
            if (!stopper.isAlive() && stopper.getState() != Thread.State.NEW || System.nanoTime() > deadline) {
                fail("the stop never waited for its notices (state %s)", stopper.getState());
            }
            Thread.onSpinWait();
        }
    }
}
