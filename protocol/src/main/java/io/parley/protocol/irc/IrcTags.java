package io.parley.protocol.irc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IRCv3 message tags (https://ircv3.net/specs/extensions/message-tags): which keys are valid,
 * how a tags section is read, and how values are escaped on the wire. Thread-safe (stateless).
 */
public final class IrcTags {

    /** {@code [+][vendor/]name}: the vendor is a host name, the name letters, digits and hyphens. */
    private static final Pattern KEY = Pattern.compile("\\+?(?:[A-Za-z0-9.-]+/)?[A-Za-z0-9-]+");

    private IrcTags() {}

    /** Whether {@code key} is a valid tag key (client-only ones start with {@code +}). */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** The tags of a tags section without its {@code @}: valid keys only, values unescaped. */
    public static Map<String, String> parse(String tagData) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : tagData.split(";", -1)) {
            int equals = tag.indexOf('=');
            String key = equals < 0 ? tag : tag.substring(0, equals);
            if (!isKey(key)) {
                continue;
            }
            tags.put(key, equals < 0 ? "" : unescapeValue(tag.substring(equals + 1)));
        }
        return tags;
    }

    /**
     * A tag value as written on the wire: {@code ;} as {@code \:}, space as {@code \s},
     * backslash as {@code \\}, CR as {@code \r}, LF as {@code \n}; a NUL is dropped (no escape
     * exists for it, and it must never reach the wire).
     */
    public static String escapeValue(String value) {
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case ';' -> "\\:";
                case ' ' -> "\\s";
                case '\\' -> "\\\\";
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\0' -> "";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    /**
     * A tag value read from the wire: the escapes of {@link #escapeValue} undone, a backslash
     * before any other character dropped, a backslash at the end dropped.
     */
    public static String unescapeValue(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder unescaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                unescaped.append(c);
                continue;
            }
            if (++i == value.length()) {
                break;
            }
            char next = value.charAt(i);
            unescaped.append(switch (next) {
                case ':' -> ';';
                case 's' -> ' ';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> next;
            });
        }
        return unescaped.toString();
    }
}
