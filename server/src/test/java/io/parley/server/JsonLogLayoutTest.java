package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** One event, one line of JSON: escaped so that no value ends the line or forges a field. */
class JsonLogLayoutTest {

    private static String layout(String message, Object[] arguments, Throwable thrown) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.parley.server.Example"), Level.WARN,
                message, thrown, arguments);
        event.setTimeStamp(1_796_000_000_123L);
        event.setThreadName("parley-io-1");
        return new JsonLogLayout().doLayout(event);
    }

    @Test
    void anEventIsOneObjectOnOneLineWithTheMessageFormatted() {
        assertThat(layout("login failed for {}", new Object[] {"alice"}, null)).isEqualTo("{\"time\":"
                + "\"2026-11-30T00:53:20.123Z\",\"level\":\"WARN\",\"logger\":\"io.parley.server.Example\","
                + "\"thread\":\"parley-io-1\",\"message\":\"login failed for alice\"}" + System.lineSeparator());
    }

    @Test
    void controlCharactersQuotesAndLineSeparatorsAreEscaped() {
        String line = layout("{}", new Object[] {"a\"b\\c\nd\re\tf\u0000g\u001bh\u007fi\u2028j\u2029k"}, null);

        assertThat(line).contains("\"message\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001bh\\u007fi\\u2028j\\u2029k\"");
        assertThat(line.strip()).doesNotContain("\n", "\r", "\u2028", "\u2029");
    }

    @Test
    void anExceptionIsOneStringField() {
        String line = layout("store failed", null, new IllegalStateException("disk \"gone\""));

        assertThat(line).contains(",\"exception\":\"java.lang.IllegalStateException: disk \\\"gone\\\"");
        assertThat(line).contains("\\n\\tat io.parley.server.JsonLogLayoutTest");
        assertThat(line.strip()).doesNotContain("\n").endsWith("\"}");
    }
}
