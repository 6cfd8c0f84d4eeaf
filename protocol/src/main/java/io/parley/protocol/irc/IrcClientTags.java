package io.parley.protocol.irc;

import io.parley.core.text.NameKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * IRCv3 client-only tags ({@code +key=value}, message-tags): which of a client's tags are relayed,
 * and the tags of channel messages on their way through the room. A room message is a core
 * {@code ChatMessage}, which has no tags, so the sender's client-only tags wait here under the
 * room, author and text until the members' encoders have rendered it (a minute), keyed by what
 * they see; two messages with the same text from one author within that minute share the later
 * one's tags. Tags are not stored (history has none) and do not cross cluster nodes.
 *
 * <p>Thread-safe: one per server.
 */
final class IrcClientTags {

    /** How long tags wait for the encoders of a room's members. */
    static final long KEEP_SECONDS = 60;

    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();

    /** The client-only tags of {@code tags} (keys starting with {@code +}), in order. */
    static Map<String, String> clientOnly(Map<String, String> tags) {
        Map<String, String> only = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith("+")) {
                only.put(key, value);
            }
        });
        return only;
    }

    /** Holds {@code tags} for the message {@code author} posts to room {@code ref} with {@code text} (or forgets older ones). */
    void posting(int ref, String author, String text, Map<String, String> tags, ScheduledExecutorService timer) {
        String key = key(ref, author, text);
        if (tags.isEmpty()) {
            pending.remove(key);
            return;
        }
        pending.put(key, tags);
        timer.schedule(() -> pending.remove(key, tags), KEEP_SECONDS, TimeUnit.SECONDS);
    }

    /** The client-only tags a room message was sent with, if any are still known. */
    Map<String, String> of(int ref, String author, String text) {
        if (pending.isEmpty()) {
            return Map.of();
        }
        return pending.getOrDefault(key(ref, author, text), Map.of());
    }

    private static String key(int ref, String author, String text) {
        return ref + "\u0000" + NameKeys.key(author) + "\u0000" + text;
    }
}
