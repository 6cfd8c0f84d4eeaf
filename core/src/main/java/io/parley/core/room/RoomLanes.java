package io.parley.core.room;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One serial lane of work per room on top of an {@link Executor}: a room's tasks run one at a
 * time, in the order they were submitted, each happening-before the next; different rooms' tasks
 * may run at once if the executor has several threads. A bus uses it to keep each room's order
 * off the thread that publishes (the store's), or on it with a direct executor. With a direct executor ({@code Runnable::run}) the
 * submitting thread runs the work, unless another thread is running the room's lane already: then
 * that one runs it after what it has, so a task that submits to its own room never reorders it.
 *
 * <p>Thread-safe; {@link #submit} never blocks. A task that throws is reported to the running
 * thread's uncaught-exception handler and the lane goes on. If the executor refuses (it is shut
 * down), the submitting thread runs the lane itself, so nothing submitted is lost or reordered.
 */
public final class RoomLanes {

    private final Executor executor;
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();

    public RoomLanes(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code task} after every task submitted before it for room {@code ref}. */
    public void submit(int ref, Runnable task) {
        // Added inside compute: a lane is dropped (below) only while empty and idle, under the
        // same key's lock, so no task can land in a lane that is no longer the room's.
        Lane lane = lanes.compute(ref, (key, existing) -> {
            Lane chosen = existing != null ? existing : new Lane(key);
            chosen.tasks.add(task);
            return chosen;
        });
        lane.schedule();
    }

    /** How many rooms have a lane now (an idle room has none): for tests. */
    int size() {
        return lanes.size();
    }

    private final class Lane implements Runnable {
        private final int ref;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Whether a thread runs, or is about to run, this lane. */
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(int ref) {
            this.ref = ref;
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    run();
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        Thread current = Thread.currentThread();
                        current.getUncaughtExceptionHandler().uncaughtException(current, e);
                    }
                }
                scheduled.set(false);
                if (tasks.isEmpty()) {
                    // Rooms come and go (makeroom/deleteroom): an idle lane is not kept.
                    lanes.computeIfPresent(ref,
                            (key, lane) -> lane == this && tasks.isEmpty() && !scheduled.get() ? null : lane);
                }
                // A task added after the last poll but before the flag fell found the lane
                // scheduled and left it to us: take it, unless another thread already has.
                if (tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }
}
