package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the warm-up may end: the compiler quiet over a whole window. Time and compile time are made up. */
class JitQuietTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final AtomicLong compileMillis = new AtomicLong();
    private final JitQuiet jit = new JitQuiet(compileMillis::get);

    @Test
    void quietOnlyOnceAWholeWindowPassedWithLittleCompiling() {
        assertThat(jit.quietAt(0)).as("no window seen yet").isFalse();
        compileMillis.addAndGet(300);
        assertThat(jit.quietAt(500 * MS)).isFalse();
        assertThat(jit.quietAt(1000 * MS)).as("300 ms compiling in the window").isFalse();
        assertThat(jit.quietAt(1400 * MS)).as("the compilation at 500 ms is still in the window").isFalse();
        compileMillis.addAndGet(JitQuiet.QUIET_MILLIS);
        assertThat(jit.quietAt(1600 * MS)).as("a trickle since 500 ms").isTrue();
        compileMillis.addAndGet(JitQuiet.QUIET_MILLIS + 1);
        assertThat(jit.quietAt(1700 * MS)).as("busy again").isFalse();
    }
}
