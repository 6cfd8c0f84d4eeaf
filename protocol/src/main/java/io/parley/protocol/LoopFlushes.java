package io.parley.protocol;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flushes of one event loop's burst, run by one task for all of the loop's connections that
 * have output waiting, instead of a task per connection: the task runs after the tasks already
 * queued on the loop (a burst of fan-out tasks), so a burst leaves each connection in one write.
 *
 * <p>Per thread; event-loop only. A thread that runs several loops (tests' embedded channels)
 * gets one task per flush for every loop but the one its pending task is for.
 */
final class LoopFlushes implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LoopFlushes.class);

    private static final FastThreadLocal<LoopFlushes> OF_THREAD = new FastThreadLocal<>() {
        @Override
        protected LoopFlushes initialValue() {
            return new LoopFlushes();
        }
    };

    private final List<Runnable> due = new ArrayList<>();
    private EventLoop loop;
    private boolean queued;

    private LoopFlushes() {}

    /** Runs {@code flush} once the tasks now queued on {@code loop} have run. On {@code loop}'s thread only. */
    static void schedule(EventLoop loop, Runnable flush) {
        OF_THREAD.get().add(loop, flush);
    }

    private void add(EventLoop on, Runnable flush) {
        if (!queued) {
            loop = on;
        } else if (loop != on) {
            on.execute(flush);
            return;
        }
        if (!queued) {
            on.execute(this); // a loop shutting down refuses, and nothing is added
            queued = true;
        }
        due.add(flush);
    }

    @Override
    public void run() {
        // A flush may add another (a failed write closing a connection): it runs in this pass.
        for (int i = 0; i < due.size(); i++) {
            try {
                due.get(i).run();
            } catch (RuntimeException e) {
                log.warn("A flush failed", e); // the pipeline handles a write's own failures
            }
        }
        due.clear();
        queued = false;
    }
}
