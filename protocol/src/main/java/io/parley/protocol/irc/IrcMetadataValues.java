package io.parley.protocol.irc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One metadata target's keys and values (draft/metadata-3): a user's or a channel's, at most
 * {@link IrcMetadata#MAX_KEYS} keys, listed in the order they were first set. Thread-safe (its
 * owner's loop writes, other connections' loops read for GET, LIST, SYNC and WHOIS).
 */
final class IrcMetadataValues {

    /** What a {@link #set} did. */
    enum Change { ADDED, CHANGED, UNCHANGED, FULL }

    private final Map<String, String> values = new LinkedHashMap<>();

    synchronized Change set(String key, String value) {
        String before = values.get(key);
        if (before == null && values.size() >= IrcMetadata.MAX_KEYS) {
            return Change.FULL;
        }
        values.put(key, value);
        return before == null ? Change.ADDED : before.equals(value) ? Change.UNCHANGED : Change.CHANGED;
    }

    /** Removes {@code key}; whether it was set. */
    synchronized boolean remove(String key) {
        return values.remove(key) != null;
    }

    synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy of every key and value, in listing order. */
    synchronized Map<String, String> all() {
        return new LinkedHashMap<>(values);
    }

    /** Removes every key; what was set. */
    synchronized Map<String, String> clear() {
        Map<String, String> before = new LinkedHashMap<>(values);
        values.clear();
        return before;
    }

    synchronized boolean isEmpty() {
        return values.isEmpty();
    }
}
