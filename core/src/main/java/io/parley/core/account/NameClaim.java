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
    final NameHolder holder;
    private volatile boolean revoked;

    NameClaim(RegisteredNames names, List<String> keys, NameHolder holder) {
        this.names = names;
        this.keys = keys;
        this.holder = holder;
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
    }
}
