package io.parley.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomLanesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void eachRoomsTasksRunInSubmissionOrderOneAtATimeOnAPoolAndIdleLanesAreDropped() throws Exception {
        RoomLanes lanes = new RoomLanes(pool);
        int rooms = 8;
        int tasks = 2000;
        Map<Integer, List<Integer>> ran = new ConcurrentHashMap<>();
        Map<Integer, Boolean> running = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(rooms * tasks);
        for (int i = 0; i < tasks; i++) {
            for (int room = 0; room < rooms; room++) {
                int ref = room;
                int number = i;
                lanes.submit(ref, () -> {
                    if (running.put(ref, true) != null) {
                        overlaps.add("room " + ref);
                    }
                    ran.computeIfAbsent(ref, unused -> new ArrayList<>()).add(number);
                    running.remove(ref);
                    done.countDown();
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).as("two tasks of one room at once").isEmpty();
        for (int room = 0; room < rooms; room++) {
            assertThat(ran.get(room)).hasSize(tasks).isSorted();
        }
        // Once the threads that ran the lanes are done, no idle room keeps one.
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lanes.size()).as("lanes of idle rooms").isZero();
    }

    @Test
    void aTaskThatSubmitsToItsOwnRoomOnADirectExecutorRunsAfterIt() {
        RoomLanes lanes = new RoomLanes(Runnable::run);
        List<String> ran = new ArrayList<>();
        lanes.submit(1, () -> {
            lanes.submit(1, () -> ran.add("second"));
            ran.add("first");
        });

        assertThat(ran).containsExactly("first", "second");
        assertThat(lanes.size()).isZero();
    }

    @Test
    void aShutDownExecutorLeavesTheWorkToTheSubmitter() {
        pool.shutdown();
        RoomLanes lanes = new RoomLanes(pool);
        List<String> ran = new ArrayList<>();
        lanes.submit(1, () -> ran.add(Thread.currentThread().getName()));

        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }
}
