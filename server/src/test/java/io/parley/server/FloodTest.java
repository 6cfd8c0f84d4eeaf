package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client over its request rate is slowed by pausing its reads, and dropped only when what it
 * already sent keeps piling up; everyone else keeps being served.
 */
class FloodTest {

    /** The count of times a line connection's reads were paused for going over its request rate. */
    private static final String THROTTLES = "parley_flood_throttles_total{protocol=\"line\"}";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private WireClient member(String name) {
        return server.connect("line").send(name + "\n");
    }

    @Test
    void aFlooderIsSlowedNotDroppedAndTenClientsBesideItGetEveryMessageOfTheirOwn() throws Exception {
        server.start(ServerConfig.ADMIN_PORT, "0"); // the rest at their defaults, /metrics to see the throttle
        WireClient flooder = member("flooder");
        List<WireClient> polite = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            polite.add(member("p" + i));
        }
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<Long> calm = talkAll(polite, threads);
            assertThat(throttles()).as("throttles of polite clients alone").isZero();
            threads.execute(() -> {
                String burst = "flood\n".repeat(1000);
                while (flooding.get()) {
                    flooder.send(burst); // blocks when the server stops reading: TCP pushes back
                }
            });
            BlockingQueue<String> flooderHeard = new LinkedBlockingQueue<>();
            threads.execute(() -> {
                while (flooding.get()) {
                    flooderHeard.add(flooder.readLine()); // the flooder reads, so it is not a slow reader
                }
            });
            // Slowed, not merely served: its reads are paused for its rate (the polite ones' never
            // are, as the calm round shows) before the others talk beside it.
            awaitTheFlooderThrottled();
            List<Long> flooded = talkAll(polite, threads);

            List<String> heardDuringTheTalk = new ArrayList<>();
            flooderHeard.drainTo(heardDuringTheTalk);
            assertThat(heardDuringTheTalk).filteredOn(line -> line.startsWith("* ") && !line.endsWith(" joined lobby"))
                    .as("errors the flooder was told").isEmpty();
            assertThat(nextEchoOfTheFlood(flooderHeard)).as("the flooder is still served").isEqualTo("flooder: flood");
            System.out.printf("polite clients' echo latency, alone: p50 %.2f ms, p99 %.2f ms; beside a flooder:"
                    + " p50 %.2f ms, p99 %.2f ms%n", percentile(calm, 50), percentile(calm, 99),
                    percentile(flooded, 50), percentile(flooded, 99));
        } finally {
            flooding.set(false);
            flooder.close();
            threads.shutdownNow();
        }
    }

    private double throttles() throws Exception {
        return Scrape.of(server.parley()).value(THROTTLES);
    }

    /**
     * Waits until the server has paused a line connection's reads for its request rate; fails if
     * that does not happen within {@link WireClient#TIMEOUT_MS}, as without a flood limit it never does.
     */
    private void awaitTheFlooderThrottled() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WireClient.TIMEOUT_MS);
        while (throttles() < 1) {
            assertThat(System.nanoTime() - deadline).as("the flooder's reads paused for its rate within %d ms",
                    WireClient.TIMEOUT_MS).isNegative();
        }
    }

    /** The next echo of the flooder's own lines it reads; fails on an error line or if none comes in time. */
    private static String nextEchoOfTheFlood(BlockingQueue<String> heard) throws InterruptedException {
        String line;
        do {
            line = heard.poll(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(line).as("the flooder's next line").isNotNull().doesNotStartWith("* ");
        } while (!line.startsWith("flooder: "));
        return line;
    }

    /** Every polite client talks at once, 20 lines each; returns all their echo latencies. */
    private static List<Long> talkAll(List<WireClient> polite, ExecutorService threads) throws Exception {
        List<CompletableFuture<List<Long>>> latencies = new ArrayList<>();
        for (WireClient client : polite) {
            latencies.add(CompletableFuture.supplyAsync(() -> talk(client, 20), threads));
        }
        List<Long> all = new ArrayList<>();
        for (CompletableFuture<List<Long>> each : latencies) {
            all.addAll(each.get(60, TimeUnit.SECONDS));
        }
        return all;
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1e6;
    }

    /** Sends {@code count} lines one at a time, each after the previous echo; returns the echo latencies. */
    private static List<Long> talk(WireClient client, int count) {
        List<Long> latencies = new ArrayList<>();
        String name = null;
        for (int n = 0; n < count; n++) {
            String text = "polite " + n + " " + System.identityHashCode(client);
            long sent = System.nanoTime();
            client.send(text + "\n");
            String line;
            do {
                line = client.readLine();
            } while (!line.endsWith(": " + text));
            latencies.add(System.nanoTime() - sent);
            name = name == null ? line.substring(0, line.indexOf(':')) : name;
            assertThat(line).isEqualTo(name + ": " + text);
        }
        return latencies;
    }

    @Test
    void aClientWhoseSentRequestsKeepPilingUpIsDroppedWithAnError() throws Exception {
        server.start(Map.of(ServerConfig.MAX_REQUESTS_PER_SECOND, "10",
                ServerConfig.REQUEST_BURST, "10", ServerConfig.MAX_WAITING_REQUESTS, "100"));
        WireClient witness = member("witness").send("hi\n").expect("witness: hi\n");
        WireClient flooder = member("flooder");

        flooder.send("x\n".repeat(5000));

        String last;
        do {
            last = flooder.readLine();
        } while (!last.startsWith("* "));
        assertThat(last).isEqualTo("* too many lines, too fast");
        flooder.drainLinesUntilEof();
        witness.send("still served\n");
        String line;
        do {
            line = witness.readLine();
        } while (line.startsWith("flooder: ") || line.startsWith("* flooder "));
        assertThat(line).isEqualTo("witness: still served");
    }
}
