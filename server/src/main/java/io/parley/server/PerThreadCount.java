package io.parley.server;

import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A counter that each thread adds to in a cell of its own, with a plain store (no atomic
 * instruction, no fence), and that a scrape reads by summing the cells. What is counted per
 * delivery (a million a second in a busy room) must cost no more: a {@code LongAdder}'s
 * increment is a locked compare-and-set, which waits for the delivery's own buffered stores (the
 * copy of the event's bytes) to drain, and was 12 % of the server's CPU in W3 (async-profiler).
 *
 * <p>Thread-safe. A thread's cell stays after the thread ends (its count with it), so it is meant
 * for the server's fixed threads (event loops, store, fan-out), not for one-off threads.
 */
final class PerThreadCount {

    private final Queue<Cell> cells = new ConcurrentLinkedQueue<>();
    private final FastThreadLocal<Cell> mine = new FastThreadLocal<>() {
        @Override
        protected Cell initialValue() {
            Cell cell = new Cell();
            cells.add(cell);
            return cell;
        }
    };

    void add(long n) {
        mine.get().add(n);
    }

    void increment() {
        add(1);
    }

    /** The total so far: every thread's count as last published (it may lag a write or two). */
    long sum() {
        long sum = 0;
        for (Cell cell : cells) {
            sum += cell.get();
        }
        return sum;
    }

    /** One thread's count: written by that thread only, read by any. */
    private static final class Cell {
        private static final VarHandle COUNT;

        static {
            try {
                COUNT = MethodHandles.lookup().findVarHandle(Cell.class, "count", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private long count;

        void add(long n) {
            // Opaque: a plain store on x86 and no tearing; the one writer reads its own plainly.
            COUNT.setOpaque(this, count + n);
        }

        long get() {
            return (long) COUNT.getOpaque(this);
        }
    }
}
