package io.parley.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads for slow crypto (password hashing, RSA decryption), so logins cannot take every
 * core from the event loops. Its queue has no bound of its own: all work reaches it through
 * {@link io.parley.protocol.account.CryptoLanes}, which hands it at most {@link #THREADS} tasks
 * at once, queues the rest fairly per client address and bounds them (a shared bounded queue
 * failed every login once a single address filled it).
 */
final class CryptoPool {

    static final int THREADS = 2;

    private CryptoPool() {}

    static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "parley-crypto-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads, new ThreadPoolExecutor.AbortPolicy());
    }
}
