package io.parley.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names that belong to registered accounts. A registered name is reserved on every
 * protocol: nobody but its owner (logged in through the account protocol) may chat under it.
 * Names compare with one folding rule, {@code Locale.ROOT} lower case.
 *
 * <p>Thread-safe; lookups never block (the set is in memory, loaded from the store at start-up).
 */
public final class RegisteredNames {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public RegisteredNames(Collection<String> registered) {
        registered.forEach(this::add);
    }

    /** The key two user names are equal under. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public boolean isRegistered(String name) {
        return keys.contains(key(name));
    }

    /** Records a newly registered name. */
    public void add(String name) {
        keys.add(key(name));
    }
}
