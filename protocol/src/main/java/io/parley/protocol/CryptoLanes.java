package io.parley.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Fair access to the few crypto threads (RSA decryption, Argon2id): each login in progress holds a
 * {@link Lane}, tasks wait in one queue per client address, and the threads take from the
 * addresses in turn. So a flood of logins from one address delays the others by at most one task
 * per turn instead of filling a shared queue (the old 256-task queue, once full, failed everyone's
 * logins). Shared by every protocol that checks passwords (the account protocol's PASS, IRC's
 * SASL), so a server holds one set of lanes. Bounded both ways: an address may hold {@code maxPerAddress} logins in progress and
 * the server {@code maxTotal}; past either, a login is refused at once with a retry error.
 *
 * <p>Thread-safe. Nothing runs under the lock but bookkeeping; tasks start outside it.
 */
public final class CryptoLanes {

    private final Executor workers;
    private final int workerCount;
    private final int maxPerAddress;
    private final int maxTotal;
    private final Object lock = new Object();
    /** Lanes open per address. Guarded by lock. */
    private final Map<String, Integer> open = new HashMap<>();
    private int openTotal;
    /** Waiting tasks per address, in turn order (an address served goes to the back). Guarded by lock. */
    private final LinkedHashMap<String, ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
    private int running;

    /**
     * @param workers runs the tasks; it is never handed more than {@code workerCount} at once, so
     *     its own queue stays empty
     */
    public CryptoLanes(Executor workers, int workerCount, int maxPerAddress, int maxTotal) {
        this.workers = workers;
        this.workerCount = workerCount;
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /** What {@link #open} gives: a lane, or a refusal. */
    public sealed interface Admission permits Lane, Refused {}

    /**
     * A refused login: {@code serverWide}, the server has {@code maxTotal} logins in progress;
     * otherwise the address has its {@code maxPerAddress}. Each protocol says "try again" in its form.
     */
    public record Refused(boolean serverWide) implements Admission {}

    /** Opens a lane for one login from {@code address}; {@link Lane#close} it when the login's crypto is done. */
    public Admission open(String address) {
        synchronized (lock) {
            if (openTotal >= maxTotal) {
                return new Refused(true);
            }
            int mine = open.getOrDefault(address, 0);
            if (mine >= maxPerAddress) {
                return new Refused(false);
            }
            open.put(address, mine + 1);
            openTotal++;
            return new Lane(address);
        }
    }

    /** One login's way to the crypto threads: an executor that queues in its address's turn. */
    public final class Lane implements Executor, Admission, AutoCloseable {
        private final String address;
        private boolean closed;

        private Lane(String address) {
            this.address = address;
        }

        @Override
        public void execute(Runnable task) {
            List<Runnable> start;
            synchronized (lock) {
                waiting.computeIfAbsent(address, a -> new ArrayDeque<>()).add(task);
                start = takeStartable();
            }
            start.forEach(CryptoLanes.this::run);
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                openTotal--;
                open.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    private void run(Runnable task) {
        workers.execute(() -> {
            try {
                task.run();
            } finally {
                List<Runnable> start;
                synchronized (lock) {
                    running--;
                    start = takeStartable();
                }
                start.forEach(this::run);
            }
        });
    }

    /** The tasks to start now, one per address in turn, while threads are free. Under lock. */
    private List<Runnable> takeStartable() {
        List<Runnable> start = new ArrayList<>();
        while (running < workerCount && !waiting.isEmpty()) {
            Iterator<Map.Entry<String, ArrayDeque<Runnable>>> first = waiting.entrySet().iterator();
            Map.Entry<String, ArrayDeque<Runnable>> turn = first.next();
            first.remove();
            start.add(turn.getValue().poll());
            if (!turn.getValue().isEmpty()) {
                waiting.put(turn.getKey(), turn.getValue()); // to the back of the turn order
            }
            running++;
        }
        return start;
    }
}
