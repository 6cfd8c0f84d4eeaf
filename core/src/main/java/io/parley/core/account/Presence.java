package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in, whatever protocol they use: one {@link Recipient} per name
 * ({@link NameKeys#key folded}), through which other users reach it. A new login of a name
 * replaces the one before, which is told ({@link Recipient#replaced}).
 *
 * <p>Thread-safe; no method blocks (recipients are told without a lock held).
 */
public final class Presence {

    private final Map<String, Recipient> online = new ConcurrentHashMap<>();

    /** Makes {@code recipient} its name's presence; the one it replaces, if any, is told. */
    public void enter(Recipient recipient) {
        Recipient before = online.put(NameKeys.key(recipient.name()), recipient);
        if (before != null && before != recipient) {
            before.replaced();
        }
    }

    /** Removes {@code recipient} if it is still its name's presence (a replaced one is not). */
    public void leave(Recipient recipient) {
        online.remove(NameKeys.key(recipient.name()), recipient);
    }

    /** The presence of {@code name}, if it is logged in. */
    public Optional<Recipient> find(String name) {
        return Optional.ofNullable(online.get(NameKeys.key(name)));
    }

    /** The names of everyone logged in but {@code except}, sorted. */
    public List<String> namesExcept(String except) {
        String exceptKey = NameKeys.key(except);
        return online.values().stream().map(Recipient::name)
                .filter(name -> !NameKeys.key(name).equals(exceptKey)).sorted().toList();
    }
}
