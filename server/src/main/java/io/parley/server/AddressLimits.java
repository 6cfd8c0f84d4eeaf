package io.parley.server;

import io.parley.protocol.Addresses;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address connection caps shared by every listener: at most {@code maxOpen} connections at
 * once from one source, and at most {@code maxNew} new ones per window. A source is what
 * {@link Addresses#countingKey} says, as for every per-address limit: each IPv4 address is one of
 * its own (on loopback, 127.0.0.2 is not 127.0.0.1), an IPv6 source is a whole /64. Zero disables
 * a cap.
 *
 * <p>Thread-safe: an address's counts change only inside the map's atomic per-key updates, so
 * {@link #forgetIdle} cannot drop an address between another thread's look-up and its count.
 */
final class AddressLimits {

    /** The caps, replaced whole by a reload ({@link #update}); read once per connection. */
    private volatile Caps caps;
    private final Map<InetAddress, Source> sources = new ConcurrentHashMap<>();

    private record Caps(int maxOpen, int maxNew, long windowNanos) {}

    AddressLimits(int maxOpen, int maxNew, long windowNanos) {
        this.caps = new Caps(maxOpen, maxNew, windowNanos);
    }

    /**
     * New caps, from the next connection on (a reload of {@code parley.conf}); connections
     * already counted stay counted, so lowering {@code maxOpen} below an address's open ones
     * refuses its new connections until enough have closed.
     */
    void update(int maxOpen, int maxNew, long windowNanos) {
        caps = new Caps(maxOpen, maxNew, windowNanos);
    }

    /** Counts a new connection from {@code address}, or says no if it is over a cap. */
    boolean tryOpen(InetAddress address) {
        long now = System.nanoTime();
        Caps caps = this.caps;
        return sources.compute(Addresses.countingKey(address), (a, source) -> open(caps, source, now)).admitted();
    }

    private static Source open(Caps caps, Source before, long now) {
        int maxOpen = caps.maxOpen();
        int maxNew = caps.maxNew();
        Source source = before == null || now - before.windowStart() > caps.windowNanos()
                ? new Source(before == null ? 0 : before.open(), 0, now, false)
                : before;
        if ((maxOpen > 0 && source.open() >= maxOpen) || (maxNew > 0 && source.newInWindow() >= maxNew)) {
            return new Source(source.open(), source.newInWindow(), source.windowStart(), false);
        }
        return new Source(source.open() + 1, source.newInWindow() + 1, source.windowStart(), true);
    }

    /** Counts a connection from {@code address} that {@link #tryOpen} let in as closed. */
    void closed(InetAddress address) {
        sources.computeIfPresent(Addresses.countingKey(address), (a, source) ->
                new Source(source.open() - 1, source.newInWindow(), source.windowStart(), source.admitted()));
    }

    /**
     * Forgets the addresses with no open connection whose window has ended: they are counted
     * from scratch if they come back. Costs one pass over the addresses, so it runs once per
     * window rather than per connection.
     */
    void forgetIdle() {
        long now = System.nanoTime();
        long windowNanos = caps.windowNanos();
        for (InetAddress address : sources.keySet()) {
            sources.computeIfPresent(address, (a, source) ->
                    source.open() == 0 && now - source.windowStart() > windowNanos ? null : source);
        }
    }

    /**
     * One address's counts, replaced as a whole on every change. {@code admitted} is the answer of
     * the last {@link #tryOpen}, which reads it from the value its own update returned.
     */
    private record Source(int open, int newInWindow, long windowStart, boolean admitted) {}
}
