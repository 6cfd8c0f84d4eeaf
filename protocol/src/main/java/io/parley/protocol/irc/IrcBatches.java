package io.parley.protocol.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IRCv3 {@code batch}: one connection's batch references and the wrapping of replies in a batch
 * ({@code BATCH +ref type params...}, each message tagged {@code batch=ref}, {@code BATCH -ref}).
 * A message already in a batch keeps its own {@code batch} tag, so a batch inside another (a
 * CHATHISTORY reply to a labeled command) nests: only its {@code BATCH} lines carry the outer
 * reference. Messages are {@link IrcMessage}s or {@link IrcDirect}s. Event-loop only; one per connection.
 */
final class IrcBatches {

    static final String TAG = "batch";

    private long next;

    /** A reference not used before on this connection. */
    String newReference() {
        return "b" + Long.toString(++next, 36);
    }

    /**
     * {@code messages} inside a new batch of {@code type}: the start (with {@code startTags}), the
     * messages tagged, the end. Both BATCH lines come from {@code server}.
     */
    List<Object> wrap(String server, Map<String, String> startTags, String type, List<String> params, List<?> messages) {
        String reference = newReference();
        List<String> startParams = new ArrayList<>();
        startParams.add("+" + reference);
        startParams.add(type);
        startParams.addAll(params);
        List<Object> wrapped = new ArrayList<>(messages.size() + 2);
        wrapped.add(new IrcMessage(startTags, server, "BATCH", startParams));
        for (Object message : messages) {
            wrapped.add(tagsOf(message).containsKey(TAG) ? message : withTag(message, TAG, reference));
        }
        wrapped.add(IrcMessage.from(server, "BATCH", "-" + reference));
        return wrapped;
    }

    /** The tags a queued message carries already. */
    static Map<String, String> tagsOf(Object message) {
        if (message instanceof IrcDirect direct) {
            return direct.message().tags();
        }
        return message instanceof IrcMessage irc ? irc.tags() : Map.of();
    }

    /** {@code message} (an {@link IrcMessage} or {@link IrcDirect}) with one tag more. */
    static Object withTag(Object message, String key, String value) {
        if (message instanceof IrcDirect direct) {
            return new IrcDirect(with(direct.message(), key, value), direct.time());
        }
        if (message instanceof IrcMessage irc) {
            return with(irc, key, value);
        }
        return message;
    }

    private static IrcMessage with(IrcMessage message, String key, String value) {
        Map<String, String> tags = new LinkedHashMap<>(message.tags());
        tags.put(key, value);
        return message.withTags(tags);
    }
}
