package io.parley.store;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The store thread's queue of tasks, in the order they were handed over. A pass's tasks
 * ({@link io.parley.core.pass.PassEnd}) are added together, under one lock and with at most one
 * wake-up of the store thread, so it finds them all and commits them in one transaction, rather
 * than being woken by the first and committing it alone.
 *
 * <p>Thread-safe; one thread takes.
 */
final class TaskQueue {

    private final ArrayDeque<StoreWriter.Task> tasks = new ArrayDeque<>();

    synchronized void add(StoreWriter.Task task) {
        tasks.add(task);
        if (tasks.size() == 1) {
            notify(); // the store thread waits only on an empty queue
        }
    }

    synchronized void addAll(List<StoreWriter.Task> handedOver) {
        boolean wasEmpty = tasks.isEmpty();
        tasks.addAll(handedOver);
        if (wasEmpty && !tasks.isEmpty()) {
            notify();
        }
    }

    /** Waits for a task, then moves it and those behind it, {@code most} in all, into {@code batch}. */
    synchronized void takeInto(List<StoreWriter.Task> batch, int most) throws InterruptedException {
        while (tasks.isEmpty()) {
            wait();
        }
        for (int taken = 0; taken < most && !tasks.isEmpty(); taken++) {
            batch.add(tasks.poll());
        }
    }

    /** The first task, removed; null when there is none. */
    synchronized StoreWriter.Task poll() {
        return tasks.poll();
    }

    synchronized int size() {
        return tasks.size();
    }
}
