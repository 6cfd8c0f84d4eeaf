package io.parley.protocol.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON the web listener reads and writes: a request body that is one object whose values are
 * all strings ({@code {"name": "alice", "password": "..."}}), and such an object written back.
 * Strict (RFC 8259 strings, escapes included; a repeated key, a value of another type, trailing
 * text or a lone surrogate escape is refused) and small, so the listener needs no JSON library.
 * Stateless.
 */
final class JsonStrings {

    private final String text;
    private int at;

    private JsonStrings(String text) {
        this.text = text;
    }

    /** The object's fields in order, or empty when {@code text} is not such an object. */
    static Optional<Map<String, String>> parseObject(String text) {
        try {
            return Optional.of(new JsonStrings(text).object());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code {"key": "value", ...}} with every string escaped. */
    static String write(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, key).append(':');
            quote(out, value);
        });
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c)); // never markup, even if shown as HTML
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private Map<String, String> object() {
        Map<String, String> fields = new LinkedHashMap<>();
        space();
        expect('{');
        space();
        if (peek() == '}') {
            at++;
        } else {
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                space();
                String value = string();
                if (fields.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException("repeated key");
                }
                space();
                char next = next();
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or }");
                }
            }
        }
        space();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the object");
        }
        return fields;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicode());
                default -> throw new IllegalArgumentException("bad escape");
            }
        }
    }

    /** A {@code \\uXXXX} escape, a surrogate pair's two halves together. */
    private String unicode() {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (at + 6 <= text.length() && text.startsWith("\\u", at)) {
                at += 2;
                char low = hex4();
                if (Character.isLowSurrogate(low)) {
                    return new String(new char[] {c, low});
                }
            }
            throw new IllegalArgumentException("lone surrogate");
        }
        if (Character.isLowSurrogate(c)) {
            throw new IllegalArgumentException("lone surrogate");
        }
        return String.valueOf(c);
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw new IllegalArgumentException("short escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw new IllegalArgumentException("expected " + wanted);
        }
    }
}
