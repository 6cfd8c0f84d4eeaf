package io.parley.core.account;

import java.util.Optional;

/**
 * A logged-in user as {@link Presence} knows it, whatever protocol it uses: what other users
 * need to reach it. Each protocol implements it for its connections.
 *
 * <p>Thread-safety: every method may be called from any thread (a sender's, a store's) and must
 * not block: an implementation hands the work to its connection's own thread (its event loop),
 * as a room member does with room events.
 */
public interface Recipient {

    /** The user's name as it logged in. */
    String name();

    /** The key private messages to this user are encrypted with (wire form), or empty: they go in clear. */
    Optional<String> publicKey();

    /**
     * The guest token private messages to this user are stored under ({@link PrivateMessage}):
     * empty for a user logged in to the account that owns its name.
     */
    default String guest() {
        return "";
    }

    /** Sends this user a private message that was just stored. */
    void deliver(PrivateMessage message);

    /** A newer login of the same name has taken over: this one must end. */
    void replaced();

    /**
     * {@code registeredName}, this recipient's name or one that looks like it, now belongs to an
     * account: a recipient that entered under a name nobody owned ({@link Presence#enterUnowned})
     * has left the presence and must stop using the name. Never called for an owner's login.
     */
    void nameRegistered(String registeredName);
}
