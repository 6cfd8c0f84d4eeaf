package io.parley.core.account;

import java.util.List;

/**
 * A name held for one registration in progress, from {@link RegisteredNames#reserve} until the
 * account is stored ({@link #commit}) or not ({@link #release}): while it is held, nobody else can
 * reserve that name or one that looks like it, so two registrations racing for {@code alice} and
 * {@code aIice} cannot both create an account.
 *
 * <p>Thread-safe; {@link #commit} and {@link #release} may be called from any thread, and only the
 * first call of either has an effect.
 */
public final class NameReservation {

    private final RegisteredNames names;
    private final String name;
    final List<String> keys;
    private boolean done;

    NameReservation(RegisteredNames names, String name, List<String> keys) {
        this.names = names;
        this.name = name;
        this.keys = keys;
    }

    /** The account is stored: the name becomes registered ({@link RegisteredNames#add}). */
    public void commit() {
        if (finish()) {
            names.add(name);
            names.unreserve(this);
            names.registeredHere(name);
        }
    }

    /** The account was not stored: the name is free again. */
    public void release() {
        if (finish()) {
            names.unreserve(this);
        }
    }

    private synchronized boolean finish() {
        boolean first = !done;
        done = true;
        return first;
    }
}
