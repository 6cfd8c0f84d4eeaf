package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run's reader of the summary learns when the bench, not the server, set the latencies. */
class BusyBenchTest {

    @Test
    void aBenchThatUsedItsWholeCoreSaysItsLatenciesArePartlyItsOwn() {
        assertThat(BusyBench.warning(98.4, 1)).hasValueSatisfying(warning ->
                assertThat(warning).contains("98% of a core with 1 event loop(s)", "--threads"));
    }

    @Test
    void aBenchWithRoomToSpareSaysNothing() {
        assertThat(BusyBench.warning(65.0, 1)).isEmpty();
        assertThat(BusyBench.warning(null, 1)).isEmpty();
    }

    @Test
    void eachEventLoopIsGivenItsOwnCore() {
        assertThat(BusyBench.warning(150.0, 2)).isEmpty();
        assertThat(BusyBench.warning(185.0, 2)).isPresent();
    }
}
