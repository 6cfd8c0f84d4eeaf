package io.parley.core.account;

/**
 * A connection that chats under a name nobody owns (a line or TCD client): the port through which
 * {@link RegisteredNames} tells it that the name's owner has just registered it. The protocol
 * implements it by ending the connection's use of the name, with a notice in its own form.
 *
 * <p>Called at most once per {@link NameClaim}, on whichever thread committed the registration:
 * implementations must not block (hand the work to the connection's own thread).
 */
@FunctionalInterface
public interface NameHolder {

    /** {@code registeredName}, the held name or one that looks like it, now belongs to an account. */
    void nameRegistered(String registeredName);
}
