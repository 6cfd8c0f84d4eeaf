package io.parley.core.pass;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread's own passes, for a thread that is not an event loop but works in batches (the
 * store's): {@link #run} makes one pass, and what was {@link PassEnd#defer deferred} during it
 * runs when it ends, in order. Between passes nothing is deferred.
 *
 * <p>Confined to its thread, which calls {@link PassEnd#workInPasses} with it.
 */
public final class Pass implements PassEnd.Deferral {

    private final List<Runnable> atEnd = new ArrayList<>();
    private boolean open;

    @Override
    public boolean defer(Runnable action) {
        if (open) {
            atEnd.add(action);
        }
        return open;
    }

    /**
     * Runs {@code work}, then what it deferred, each in turn; one that throws is reported to the
     * thread's uncaught-exception handler and the rest still run. One of those cannot defer in
     * turn ({@link #defer} says false, and its caller does the work now): the pass is over.
     */
    public void run(Runnable work) {
        open = true;
        try {
            work.run();
        } finally {
            open = false;
            for (Runnable action : atEnd) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, e);
                }
            }
            atEnd.clear();
        }
    }
}
