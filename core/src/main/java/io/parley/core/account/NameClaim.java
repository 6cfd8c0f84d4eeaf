package io.parley.core.account;

import java.util.List;

/**
 * One connection's use of a name, recorded by {@link RegisteredNames#claim}: while it is held,
 * registering that name (or a look-alike) tells its {@link NameHolder} and revokes it.
 *
 * <p>Thread-safe: {@link #revoked()} may be read from any thread.
 */
public final class NameClaim {

    private final RegisteredNames names;
    final List<String> keys;
    /** The claimed name, folded ({@link io.parley.core.text.NameKeys#key}). */
    final String exactKey;
    /** Whether no other claim may hold {@link #exactKey} beside this one. */
    final boolean exclusive;
    final NameHolder holder;
    /** Gives back the claim's hold across a cluster (a line or TCD user's), once. */
    private final java.util.concurrent.atomic.AtomicReference<Runnable> unshare;
    private volatile boolean revoked;

    NameClaim(RegisteredNames names, List<String> keys, String exactKey, boolean exclusive, NameHolder holder,
            Runnable unshare) {
        this.names = names;
        this.keys = keys;
        this.exactKey = exactKey;
        this.exclusive = exclusive;
        this.holder = holder;
        this.unshare = new java.util.concurrent.atomic.AtomicReference<>(unshare);
    }

    /**
     * Whether the name has been registered since it was claimed: from then on the holder must not
     * speak under it (its eviction notice may still be on the way).
     */
    public boolean revoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }

    /** Ends the claim (the connection left or closed); idempotent. */
    public void release() {
        names.release(this);
        Runnable cluster = unshare.getAndSet(null);
        if (cluster != null) {
            cluster.run();
        }
    }
}
