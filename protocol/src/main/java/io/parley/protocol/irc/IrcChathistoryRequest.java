package io.parley.protocol.irc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A {@code CHATHISTORY} command (IRCv3 draft/chathistory), read and checked but not served:
 *
 * <pre>
 * CHATHISTORY LATEST  &lt;target&gt; &lt;* | ref&gt; &lt;limit&gt;
 * CHATHISTORY BEFORE | AFTER | AROUND &lt;target&gt; &lt;ref&gt; &lt;limit&gt;
 * CHATHISTORY BETWEEN &lt;target&gt; &lt;ref&gt; &lt;ref&gt; &lt;limit&gt;
 * CHATHISTORY TARGETS &lt;timestamp ref&gt; &lt;timestamp ref&gt; &lt;limit&gt;
 * </pre>
 *
 * where a ref is {@code msgid=<id>} or {@code timestamp=<ISO 8601 UTC>}. {@link #parse} gives a
 * {@link Request}, or an {@link Invalid} that the adapter sends as
 * {@code FAIL CHATHISTORY <code> <context>... :<description>}. Whether the target exists and may
 * be read ({@code INVALID_TARGET}) is the adapter's to check. Immutable and thread-safe.
 */
public final class IrcChathistoryRequest {

    private IrcChathistoryRequest() {}

    /** The subcommands. */
    public enum Subcommand { LATEST, BEFORE, AFTER, AROUND, BETWEEN, TARGETS }

    /** A point in a conversation. */
    public sealed interface Ref permits Latest, MsgId, Timestamp {}

    /** {@code *}: now (LATEST only). */
    public record Latest() implements Ref {}

    /** {@code msgid=<id>}. */
    public record MsgId(String id) implements Ref {}

    /** {@code timestamp=<instant>}. */
    public record Timestamp(Instant instant) implements Ref {}

    /** What {@link #parse} gives. */
    public sealed interface Result permits Request, Invalid {}

    /**
     * A well-formed request. {@code target} is null for TARGETS; {@code refs} has one ref, or two
     * for BETWEEN and TARGETS; {@code limit} is at least 1 and at most the server's maximum.
     */
    public record Request(Subcommand subcommand, String target, List<Ref> refs, int limit) implements Result {
        public Request {
            refs = List.copyOf(refs);
        }
    }

    /** {@code FAIL CHATHISTORY <code> <context>... :<description>}. */
    public record Invalid(String code, List<String> context, String description) implements Result {
        public Invalid {
            context = List.copyOf(context);
        }
    }

    /**
     * Reads the parameters of a {@code CHATHISTORY} command; a limit over {@code maxLimit} (the
     * {@code CHATHISTORY} ISUPPORT value) is lowered to it, as the specification allows.
     */
    public static Result parse(List<String> params, int maxLimit) {
        if (params.isEmpty()) {
            return new Invalid("NEED_MORE_PARAMS", List.of("*"), "Missing parameters");
        }
        String name = params.get(0).toUpperCase(Locale.ROOT);
        Subcommand subcommand;
        try {
            subcommand = Subcommand.valueOf(name);
        } catch (IllegalArgumentException e) {
            return new Invalid("INVALID_PARAMS", List.of(params.get(0)), "Unknown subcommand");
        }
        boolean targets = subcommand == Subcommand.TARGETS;
        int refCount = subcommand == Subcommand.BETWEEN || targets ? 2 : 1;
        int needed = 1 + (targets ? 0 : 1) + refCount + 1;
        if (params.size() < needed) {
            return new Invalid("NEED_MORE_PARAMS", List.of(name), "Missing parameters");
        }
        String target = targets ? null : params.get(1);
        int first = targets ? 1 : 2;
        Ref[] refs = new Ref[refCount];
        for (int i = 0; i < refCount; i++) {
            String text = params.get(first + i);
            Ref ref = ref(text, subcommand == Subcommand.LATEST);
            if (ref == null || (targets && !(ref instanceof Timestamp))) {
                return new Invalid("INVALID_PARAMS", List.of(name, text), "Invalid message reference");
            }
            refs[i] = ref;
        }
        String limitText = params.get(first + refCount);
        int limit = 0;
        if (limitText.matches("[0-9]{1,18}")) {
            limit = (int) Math.min(Long.parseLong(limitText), Integer.MAX_VALUE); // a huge limit is the maximum
        }
        if (limit < 1) {
            return new Invalid("INVALID_PARAMS", List.of(name, limitText), "Invalid limit");
        }
        return new Request(subcommand, target, List.of(refs), Math.min(limit, maxLimit));
    }

    private static Ref ref(String text, boolean starAllowed) {
        if (starAllowed && text.equals("*")) {
            return new Latest();
        }
        if (text.startsWith("msgid=") && text.length() > "msgid=".length()) {
            return new MsgId(text.substring("msgid=".length()));
        }
        if (text.startsWith("timestamp=")) {
            try {
                return new Timestamp(Instant.parse(text.substring("timestamp=".length())));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
