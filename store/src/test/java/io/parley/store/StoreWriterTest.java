package io.parley.store;

import io.parley.core.StoreBusyException;
import io.parley.core.pass.Pass;
import io.parley.core.pass.PassEnd;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store thread's batches, refusals, and hand-over of outcomes once it has stopped. */
class StoreWriterTest {

    @Test
    void aPasssTasksAreCommittedTogetherInTheOrderTheyWereQueued() throws Exception {
        List<Integer> transactions = new CopyOnWriteArrayList<>();
        StoreMetrics counting = new StoreMetrics() {
            @Override
            public void committed(int tasks, long nanos) {
                transactions.add(tasks);
            }
        };
        List<String> ranInOrder = new CopyOnWriteArrayList<>();
        Map<String, CompletableFuture<Throwable>> outcomes = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            StoreWriter writer = new StoreWriter(connection, counting);
            Thread loop = new Thread(() -> {
                // As an event loop does: the messages read in one pass reach the store together.
                Pass pass = new Pass();
                PassEnd.workInPasses(pass);
                pass.run(() -> {
                    for (String name : List.of("one", "two", "three", "four")) {
                        writer.offer(task(name, outcomes, () -> ranInOrder.add(name)));
                    }
                });
            });
            loop.start();
            loop.join(10_000);
            for (CompletableFuture<Throwable> outcome : outcomes.values()) {
                assertThat(outcome.get(10, TimeUnit.SECONDS)).isNull();
            }
            writer.close();
        }

        assertThat(ranInOrder).containsExactly("one", "two", "three", "four");
        assertThat(transactions).as("one transaction for the pass").containsExactly(4);
    }

    @Test
    void aTaskThatFailsOnItsOwnFailsAloneInItsBatch() throws Exception {
        CountDownLatch othersQueued = new CountDownLatch(1);
        Map<String, CompletableFuture<Throwable>> outcomes = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            StoreWriter writer = new StoreWriter(connection, StoreMetrics.NONE);
            // The first task holds the store thread until the rest are queued: they form one batch.
            writer.submit(task("holder", outcomes, () -> othersQueued.await(10, TimeUnit.SECONDS)));
            writer.submit(task("before", outcomes, () -> true));
            writer.submit(task("broken", outcomes, () -> {
                throw new IllegalArgumentException("a bug in one task");
            }));
            writer.submit(task("after", outcomes, () -> true));
            othersQueued.countDown();
            writer.close();
        }

        assertThat(outcomes.get("before").get(10, TimeUnit.SECONDS)).isNull();
        assertThat(outcomes.get("after").get(10, TimeUnit.SECONDS)).isNull();
        assertThat(outcomes.get("broken").get(10, TimeUnit.SECONDS)).hasMessageContaining("a bug in one task");
    }

    @Test
    void anOfferPastTheBoundIsRefusedAtOnceWhileASubmissionIsAlwaysQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<String, CompletableFuture<Throwable>> outcomes = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            StoreWriter writer = new StoreWriter(connection, 3 * StoreWriter.TASK_OVERHEAD_BYTES);
            writer.offer(task("holder", outcomes, () -> release.await(10, TimeUnit.SECONDS)));
            writer.offer(task("second", outcomes, () -> true));
            writer.offer(task("third", outcomes, () -> true));
            writer.offer(task("refused", outcomes, () -> true));
            writer.submit(task("leave", outcomes, () -> true));

            assertThat(outcomes.get("refused")).as("refused before the store thread moved").isCompleted();
            assertThat(outcomes.get("refused").get()).isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("try again");
            assertThat(writer.queuedBytes()).isEqualTo(4 * StoreWriter.TASK_OVERHEAD_BYTES);
            release.countDown();
            writer.close();
            assertThat(writer.queuedBytes()).isZero();
        }
        for (String stored : List.of("holder", "second", "third", "leave")) {
            assertThat(outcomes.get(stored).get(10, TimeUnit.SECONDS)).as(stored).isNull();
        }
    }

    private static StoreWriter.Task task(String name, Map<String, CompletableFuture<Throwable>> outcomes,
            Callable<Boolean> work) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        outcomes.put(name, outcome);
        return new StoreWriter.Task() {
            @Override
            public void run(Connection connection) throws SQLException {
                try {
                    work.call();
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void done(Throwable failure) {
                outcome.complete(failure);
            }
        };
    }

    @Test
    void tasksSubmittedAfterCloseFailOneAtATimeWhoeverSubmitsThem() throws Exception {
        int threads = 4;
        int tasksEach = 500;
        AtomicInteger reporting = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        StoreWriter.Task late = new StoreWriter.Task() {
            @Override
            public void run(Connection connection) {}

            @Override
            public void done(Throwable failure) {
                // A room's silent leaves are dispatched from here: two at once would race on
                // the room's membership, so outcomes must be reported one at a time.
                mostAtOnce.accumulateAndGet(reporting.incrementAndGet(), Math::max);
                for (int spin = 0; spin < 1_000; spin++) {
                    Thread.onSpinWait(); // widens the window in which an overlap would show
                }
                outcomes.add(failure);
                reporting.decrementAndGet();
            }
        };
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            StoreWriter writer = new StoreWriter(connection, StoreMetrics.NONE);
            writer.close();

            ExecutorService submitters = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                submitted.add(submitters.submit(() -> {
                    start.await();
                    for (int i = 0; i < tasksEach; i++) {
                        writer.submit(late);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : submitted) {
                each.get(30, TimeUnit.SECONDS);
            }
            submitters.shutdown();
        }

        assertThat(outcomes).hasSize(threads * tasksEach)
                .allSatisfy(failure -> assertThat(failure).hasMessage("the store is closed"));
        assertThat(mostAtOnce).as("outcomes reported at the same time").hasValue(1);
    }
}
