package io.parley.protocol.irc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's metadata (draft/metadata-3): the user's own keys and values, which it may set
 * before registering ({@code before-connect}), and the keys it subscribed to. Both last as long as
 * the connection. Thread-safe: the connection's loop writes, other loops read when they notify it.
 */
final class IrcMetadataSession {

    final IrcMetadataValues values = new IrcMetadataValues();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

    boolean subscribed(String key) {
        return subscriptions.contains(key);
    }

    /** Subscribes to {@code key}; false if that would exceed {@link IrcMetadata#MAX_SUBSCRIPTIONS}. */
    boolean subscribe(String key) {
        if (subscriptions.contains(key)) {
            return true;
        }
        if (subscriptions.size() >= IrcMetadata.MAX_SUBSCRIPTIONS) {
            return false;
        }
        subscriptions.add(key);
        return true;
    }

    void unsubscribe(String key) {
        subscriptions.remove(key);
    }

    /** The keys subscribed to, sorted. */
    List<String> subscriptions() {
        return subscriptions.stream().sorted().toList();
    }
}
