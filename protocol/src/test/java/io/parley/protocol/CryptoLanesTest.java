package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class CryptoLanesTest {

    /** The crypto threads, run by hand: a task starts when the test says so. */
    private final Queue<Runnable> threads = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();

    private void runAll() {
        while (!threads.isEmpty()) {
            threads.poll().run();
        }
    }

    @Test
    void addressesAreServedInTurnSoAFloodDoesNotDelayOthersBehindIt() {
        CryptoLanes lanes = new CryptoLanes(threads::add, 1, 4, 100);
        List<CryptoLanes.Lane> flood = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            flood.add((CryptoLanes.Lane) lanes.open("10.0.0.1"));
        }
        CryptoLanes.Lane other = (CryptoLanes.Lane) lanes.open("10.0.0.2");
        for (int i = 0; i < 4; i++) {
            int n = i;
            flood.get(i).execute(() -> ran.add("flood " + n));
            flood.get(i).execute(() -> ran.add("flood " + n + " again"));
        }
        other.execute(() -> ran.add("other"));

        runAll();

        assertThat(ran).hasSize(9);
        // FIFO would run it last; in turn, it waits for one task of the flood at most (besides the one running).
        assertThat(ran.indexOf("other")).as("served on its first turn").isLessThanOrEqualTo(2);
    }

    @Test
    void anAddressMayHoldOnlySoManyLoginsInProgress() {
        CryptoLanes lanes = new CryptoLanes(threads::add, 2, 2, 100);
        CryptoLanes.Admission first = lanes.open("10.0.0.1");
        lanes.open("10.0.0.1");

        assertThat(lanes.open("10.0.0.1")).isEqualTo(
                new CryptoLanes.Refused(false));
        assertThat(lanes.open("10.0.0.2")).isInstanceOf(CryptoLanes.Lane.class);
        ((CryptoLanes.Lane) first).close();
        assertThat(lanes.open("10.0.0.1")).as("once one is done").isInstanceOf(CryptoLanes.Lane.class);
    }

    @Test
    void theServerHoldsOnlySoManyLoginsInProgress() {
        CryptoLanes lanes = new CryptoLanes(threads::add, 2, 2, 3);
        lanes.open("10.0.0.1");
        lanes.open("10.0.0.2");
        lanes.open("10.0.0.3");

        assertThat(lanes.open("10.0.0.4")).isEqualTo(
                new CryptoLanes.Refused(true));
    }

    @Test
    void noMoreTasksRunAtOnceThanThereAreThreads() {
        CryptoLanes lanes = new CryptoLanes(threads::add, 2, 4, 100);
        for (String address : List.of("a", "b", "c")) {
            ((CryptoLanes.Lane) lanes.open(address)).execute(() -> ran.add(address));
        }

        assertThat(threads).hasSize(2);
        runAll();
        assertThat(ran).containsExactly("a", "b", "c");
    }
}
