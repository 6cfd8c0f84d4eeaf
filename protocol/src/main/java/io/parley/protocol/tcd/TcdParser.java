package io.parley.protocol.tcd;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a TCD client's lines into {@link TcdRequest}s; knows nothing of sockets.
 *
 * <p>A request is a verb line ({@code KEY: value}) and its field lines. JOIN_CHATROOM,
 * LEAVE_CHATROOM and DISCONNECT end with their CLIENT_NAME line (their last line in the spec);
 * CHAT ends with the empty line after MESSAGE, whose text may span lines, up to a limit: a longer
 * one is read to its end without being kept and becomes {@link TcdRequest.TooManyLines}.
 * {@code HELO} and {@code KILL_SERVICE} are one line. Blank lines between requests are ignored,
 * and unknown lines get no reply: the spec asks for silence on unrecognised input. But a known
 * verb whose request ends before its last field (a blank line, an unknown line, a field that does
 * not belong or another verb comes first) is a {@link TcdRequest.Incomplete}, which the handler
 * answers with an error: a client that sent JOIN_CHATROOM must not wait for ever.
 *
 * <p>Not thread-safe: one per connection.
 */
final class TcdParser {

    private static final Logger log = LoggerFactory.getLogger(TcdParser.class);

    private final int maxRequestBytes;
    private final int maxMessageLines;
    private String verb;
    /** A request's fields, its verb among them: four at most. Every connection carries this map. */
    private final Map<String, String> fields = new HashMap<>(8);
    private StringBuilder message;
    private int messageLines;
    private int requestBytes;

    /** A parser with the default limit of lines per message. */
    TcdParser(int maxRequestBytes) {
        this(maxRequestBytes, TcdSettings.DEFAULT_MAX_MESSAGE_LINES);
    }

    /**
     * @param maxRequestBytes the longest request, in bytes, before {@link RequestTooLongException}
     * @param maxMessageLines the most lines a MESSAGE may have
     */
    TcdParser(int maxRequestBytes, int maxMessageLines) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxMessageLines = maxMessageLines;
    }

    /**
     * Takes one line (without its line end) of valid UTF-8 text, counted as its UTF-8 length, and
     * returns the request it completes, or null.
     */
    TcdRequest accept(String line) {
        return accept(line, utf8Length(line));
    }

    /**
     * Takes one line (without its line end) that took {@code wireBytes} bytes on the wire and
     * returns the request it completes, or null. A request's size is its lines' wire lengths, each
     * plus one for its end: an invalid byte, decoded to U+FFFD, counts as the one byte it was.
     */
    TcdRequest accept(String line, int wireBytes) {
        if (verb != null) {
            requestBytes += wireBytes + 1;
            if (requestBytes > maxRequestBytes) {
                reset();
                throw new RequestTooLongException(maxRequestBytes);
            }
        }
        if (message != null) {
            return continueMessage(line);
        }
        if (line.isBlank()) {
            return unfinished(null);
        }
        if (line.equals("HELO") || line.startsWith("HELO ")) {
            return unfinished(new TcdRequest.Helo(line.substring(4).strip()));
        }
        if (line.strip().equals("KILL_SERVICE")) {
            return unfinished(new TcdRequest.KillService());
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return ignore(line);
        }
        String key = stripped(line, 0, colon).toUpperCase(Locale.ROOT);
        String value = stripped(line, colon + 1, line.length());
        return isVerb(key) ? start(key, value, wireBytes) : field(key, value, line);
    }

    private TcdRequest start(String key, String value, int wireBytes) {
        TcdRequest interrupted = unfinished(null);
        verb = key;
        fields.put(key, value);
        requestBytes = wireBytes + 1;
        return interrupted;
    }

    private TcdRequest field(String key, String value, String line) {
        if (verb == null || !belongs(key)) {
            return ignore(line);
        }
        if (key.equals("MESSAGE")) {
            message = new StringBuilder(value);
            messageLines = 1;
            return null;
        }
        fields.put(key, value);
        return key.equals("CLIENT_NAME") ? complete() : null;
    }

    private TcdRequest continueMessage(String line) {
        if (!line.isEmpty()) {
            messageLines++;
            if (messageLines <= maxMessageLines) {
                message.append('\n').append(line);
            } else if (message.length() > 0) {
                message.setLength(0); // over the limit: kept no longer, only read to its end
                message.trimToSize();
            }
            return null;
        }
        TcdRequest chat = messageLines > maxMessageLines ? new TcdRequest.TooManyLines()
                : new TcdRequest.Chat(fields.get("CHAT"), fields.get("JOIN_ID"), fields.get("CLIENT_NAME"),
                        message.toString());
        reset();
        return chat;
    }

    private TcdRequest complete() {
        TcdRequest request = switch (verb) {
            case "JOIN_CHATROOM" -> new TcdRequest.Join(fields.get(verb), fields.get("CLIENT_NAME"));
            case "LEAVE_CHATROOM" -> new TcdRequest.Leave(fields.get(verb), fields.get("JOIN_ID"),
                    fields.get("CLIENT_NAME"));
            case "DISCONNECT" -> new TcdRequest.Disconnect(fields.get("CLIENT_NAME"));
            default -> null; // CHAT waits for its MESSAGE
        };
        if (request != null) {
            reset();
        }
        return request;
    }

    private static boolean isVerb(String key) {
        return key.equals("JOIN_CHATROOM") || key.equals("LEAVE_CHATROOM") || key.equals("CHAT")
                || key.equals("DISCONNECT");
    }

    private boolean belongs(String key) {
        return switch (verb) {
            case "JOIN_CHATROOM" -> key.equals("CLIENT_IP") || key.equals("PORT") || key.equals("CLIENT_NAME");
            case "LEAVE_CHATROOM" -> key.equals("JOIN_ID") || key.equals("CLIENT_NAME");
            case "DISCONNECT" -> key.equals("PORT") || key.equals("CLIENT_NAME");
            case "CHAT" -> key.equals("JOIN_ID") || key.equals("CLIENT_NAME") || key.equals("MESSAGE");
            default -> false;
        };
    }

    /** An unrecognised line: no reply of its own, but what it interrupted is incomplete. */
    private TcdRequest ignore(String line) {
        log.debug("Ignored an unrecognised line of {} characters", line.length());
        return unfinished(null);
    }

    /**
     * Ends the unfinished request, if any, as {@link TcdRequest.Incomplete} followed by
     * {@code next}; else returns {@code next} (which may be null).
     */
    private TcdRequest unfinished(TcdRequest next) {
        if (verb == null) {
            return next;
        }
        String missing = verb.equals("CHAT") ? "MESSAGE" : "CLIENT_NAME";
        TcdRequest incomplete = new TcdRequest.Incomplete(verb, missing, next);
        reset();
        return incomplete;
    }

    /**
     * {@code line.substring(from, to).strip()} in one copy: every message is four such lines, and
     * the copy before the strip was most of what a busy room's parsing allocated.
     */
    static String stripped(String line, int from, int to) {
        while (from < to && Character.isWhitespace(line.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
            to--;
        }
        return line.substring(from, to);
    }

    /** The length of {@code line} in UTF-8, without encoding it. */
    static int utf8Length(String line) {
        int length = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x800) {
                length += Character.isSurrogate(c) ? 1 : 2; // a pair: 4 bytes for 2 chars
            } else if (c >= 0x80) {
                length++;
            }
        }
        return length;
    }

    private void reset() {
        verb = null;
        fields.clear();
        message = null;
        messageLines = 0;
        requestBytes = 0;
    }
}
