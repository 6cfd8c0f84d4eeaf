package io.parley.core.account;

import java.util.concurrent.CompletionException;

/**
 * An account store refused a new account because its name, or one that looks like it, is
 * registered already: perhaps by another node of a cluster at the same moment, which this node
 * has not heard of yet. The registration is answered as taken, not "try again".
 */
public final class NameTakenException extends RuntimeException {

    public NameTakenException(String name) {
        super("the name " + name + " (or one that looks like it) is registered");
    }

    /** Whether {@code failure}, or what it wraps, is this refusal. */
    public static boolean in(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof NameTakenException;
    }
}
