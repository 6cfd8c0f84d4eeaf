package io.parley.server;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address connection caps shared by every listener: at most {@code maxOpen} connections at
 * once from one address, and at most {@code maxNew} new ones per window. Each address is a
 * source of its own (on loopback, 127.0.0.2 is not 127.0.0.1). Zero disables a cap.
 *
 * <p>Thread-safe.
 */
final class AddressLimits {

    /** Past this many tracked addresses, idle ones are forgotten on the next open. */
    private static final int PURGE_ABOVE = 10_000;

    private final int maxOpen;
    private final int maxNew;
    private final long windowNanos;
    private final Map<InetAddress, Source> sources = new ConcurrentHashMap<>();

    AddressLimits(int maxOpen, int maxNew, long windowNanos) {
        this.maxOpen = maxOpen;
        this.maxNew = maxNew;
        this.windowNanos = windowNanos;
    }

    /** Counts a new connection from {@code address}, or says no if it is over a cap. */
    boolean tryOpen(InetAddress address) {
        long now = System.nanoTime();
        if (sources.size() > PURGE_ABOVE) {
            sources.values().removeIf(source -> source.isIdle(now, windowNanos));
        }
        Source source = sources.computeIfAbsent(address, a -> new Source(now));
        synchronized (source) {
            if (now - source.windowStart > windowNanos) {
                source.windowStart = now;
                source.newInWindow = 0;
            }
            if ((maxOpen > 0 && source.open >= maxOpen) || (maxNew > 0 && source.newInWindow >= maxNew)) {
                return false;
            }
            source.open++;
            source.newInWindow++;
            return true;
        }
    }

    /** Counts a connection from {@code address} that {@link #tryOpen} let in as closed. */
    void closed(InetAddress address) {
        Source source = sources.get(address);
        if (source != null) {
            synchronized (source) {
                source.open--;
            }
        }
    }

    /** One address's counters; guarded by itself. */
    private static final class Source {
        int open;
        int newInWindow;
        long windowStart;

        Source(long now) {
            this.windowStart = now;
        }

        synchronized boolean isIdle(long now, long windowNanos) {
            return open == 0 && now - windowStart > windowNanos;
        }
    }
}
