package io.parley.protocol.irc;

import io.parley.core.text.NameKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * IRCv3 client-only tags ({@code +key=value}, message-tags): which of a client's tags are relayed,
 * and what IRC members must know of a channel message on its way through the room that a core
 * {@code ChatMessage} does not carry: its client-only tags, and that it was a {@code NOTICE}. They
 * wait here under the room, author and text until the members' encoders have rendered it (a
 * minute), keyed by what they see; two messages with the same text from one author within that
 * minute share the later one's. Neither is stored (history has no tags and shows a NOTICE as a
 * PRIVMSG) nor crosses cluster nodes.
 *
 * <p>Thread-safe: one per server.
 */
final class IrcClientTags {

    /** How long tags wait for the encoders of a room's members. */
    static final long KEEP_SECONDS = 60;

    /**
     * What a room message's IRC members see beyond the stored message.
     *
     * @param layout the lines of a {@code draft/multiline} batch as the client cut them, or null
     */
    record Relay(Map<String, String> tags, boolean notice, List<IrcMultiline.Line> layout) {
        static final Relay PLAIN = new Relay(Map.of(), false, null);

        Relay(Map<String, String> tags, boolean notice) {
            this(tags, notice, null);
        }
    }

    private final Map<String, Relay> pending = new ConcurrentHashMap<>();

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

    /** Holds {@code relay} for the message {@code author} posts to room {@code ref} with {@code text} (or forgets older ones). */
    void posting(int ref, String author, String text, Relay relay, ScheduledExecutorService timer) {
        String key = key(ref, author, text);
        if (relay.equals(Relay.PLAIN)) {
            pending.remove(key);
            return;
        }
        pending.put(key, relay);
        timer.schedule(() -> pending.remove(key, relay), KEEP_SECONDS, TimeUnit.SECONDS);
    }

    /** How a room message was sent, as far as it is still known ({@link Relay#PLAIN} otherwise). */
    Relay of(int ref, String author, String text) {
        if (pending.isEmpty()) {
            return Relay.PLAIN;
        }
        return pending.getOrDefault(key(ref, author, text), Relay.PLAIN);
    }

    private static String key(int ref, String author, String text) {
        return ref + "\u0000" + NameKeys.key(author) + "\u0000" + text;
    }
}
