package io.parley.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool for slow crypto (password hashing, RSA decryption). Bounded both ways: a few
 * threads, so logins cannot take every core from the event loops, and a short queue, so a login
 * flood is refused (the request fails with a retry error) instead of queueing without end.
 */
final class CryptoPool {

    private static final int THREADS = 2;
    private static final int QUEUE = 256;

    private CryptoPool() {}

    static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "parley-crypto-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                threads, new ThreadPoolExecutor.AbortPolicy());
    }
}
