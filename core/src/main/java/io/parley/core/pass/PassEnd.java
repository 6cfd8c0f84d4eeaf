package io.parley.core.pass;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The end of the pass the calling thread is making over its ready work, for the threads that work
 * in passes: an event loop (one pass reads what its connections have ready, then runs its queued
 * tasks) and the store's thread (one pass commits a batch and reports its outcomes).
 *
 * <p>Why: work handed to another thread (a message to the store, a completion to
 * {@code parley-fanout}) wakes that thread, and on a one-core server usually switches to it at
 * once. Handed over per message, the store then commits a message or three at a time and the
 * threads take turns per message; handed over once per pass, a pass's messages share one wake-up
 * and one transaction. What it costs is the rest of one pass, which nothing waits on.
 *
 * <p>Thread-safe: each thread sees only its own pass.
 */
public final class PassEnd {

    /** How a thread that works in passes keeps an action for the end of its current pass. */
    @FunctionalInterface
    public interface Deferral {
        /** Keeps {@code action} for the end of the current pass and says so; false if there is none now. */
        boolean defer(Runnable action);
    }

    private static final ThreadLocal<Deferral> CURRENT = new ThreadLocal<>();

    private PassEnd() {}

    /** Makes the calling thread one that works in passes, deferring as {@code deferral} does, for good. */
    public static void workInPasses(Deferral deferral) {
        CURRENT.set(deferral);
    }

    /**
     * An event loop's deferral: the action becomes the loop's next task, so it runs after what the
     * pass has read and queued so far. A loop that refuses it (it is shutting down) defers nothing.
     */
    public static Deferral onLoop(Executor loop) {
        return action -> {
            try {
                loop.execute(action);
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        };
    }

    /**
     * Runs {@code action} at the end of the calling thread's current pass, after the actions
     * deferred before it, and returns true; or returns false, doing nothing, when this thread
     * does not work in passes or is between two: the caller then does the work now.
     */
    public static boolean defer(Runnable action) {
        Deferral deferral = CURRENT.get();
        return deferral != null && deferral.defer(action);
    }

    /**
     * {@code executor}, with each task handed to it at the end of the submitting thread's pass
     * (at once from a thread that has none). A task the executor refuses then runs on the
     * submitting thread, as {@code RoomLanes} does with a refusal: nothing handed over is lost.
     */
    public static Executor handingOverAtPassEnd(Executor executor) {
        return task -> {
            Runnable handOver = () -> {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    task.run();
                }
            };
            if (!defer(handOver)) {
                executor.execute(task);
            }
        };
    }
}
