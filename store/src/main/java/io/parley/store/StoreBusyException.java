package io.parley.store;

/**
 * A write the store refused at once because its queue is full: the database is not keeping up
 * (another process holds its lock, or the disk stalls). Nothing was stored; the sender may try
 * again. Protocols report it like any other failed store write, in their "try again" form.
 */
public final class StoreBusyException extends RuntimeException {

    StoreBusyException(String message) {
        super(message);
    }
}
