package io.parley.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One log event as one line of JSON, for log shippers ({@code log.format = json}):
 * {@code {"time":"2026-12-03T06:23:26.338Z","level":"INFO","logger":"io.parley.server.ParleyServer",
 * "thread":"main","message":"Parley started ..."}}, with {@code "exception"} (the whole stack trace
 * as one string) when the event has one. Every string is escaped, control characters and the line
 * separators U+2028/U+2029 included, so a value can never end the line or forge another event.
 *
 * <p>Thread-safe: stateless apart from logback's lifecycle flag.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"time\":\"").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append('"');
        field(json, "level", event.getLevel().toString());
        field(json, "logger", event.getLoggerName());
        field(json, "thread", event.getThreadName());
        field(json, "message", event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(json, "exception", ThrowableProxyUtil.asString(thrown));
        }
        return json.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    @Override
    public String getContentType() {
        return "application/json";
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":");
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        escape(json, value);
        json.append('"');
    }

    /** JSON string escaping (RFC 8259), plus DEL and U+2028/U+2029, which some readers take for line ends. */
    static void escape(StringBuilder json, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
