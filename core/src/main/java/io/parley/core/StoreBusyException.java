package io.parley.core;

/**
 * A write the store refused at once because its queue is full: the database is not keeping up
 * (another process holds its lock, or the disk stalls). Nothing was stored; the sender may try
 * again. Protocols report it like any other failed store write, in their "try again" form; the
 * store logs the episode once, so a handler need not log each refusal.
 */
public final class StoreBusyException extends RuntimeException {

    public StoreBusyException(String message) {
        super(message);
    }
}
