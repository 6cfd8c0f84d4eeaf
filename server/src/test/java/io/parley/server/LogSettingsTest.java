package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format} and {@code log.level}: what they accept, the environment variable's place
 * below them, and logback switched to JSON and back while the JVM runs.
 */
class LogSettingsTest {

    private static Properties keys(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsAreTextAtInfo() throws Exception {
        LogSettings settings = LogSettings.from(keys());

        assertThat(settings.format()).isEqualTo(LogSettings.Format.TEXT);
        assertThat(settings.rootLevel()).isEqualTo(Level.INFO);
        assertThat(settings.loggerLevels()).isEmpty();
    }

    @Test
    void aLevelAndLoggerLevels() throws Exception {
        LogSettings settings = LogSettings.from(keys("log.level", " WARN , io.parley.server.ConnectionGuard=debug,"
                + "io.netty=error "));

        assertThat(settings.rootLevel()).isEqualTo(Level.WARN);
        assertThat(settings.loggerLevels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "io.parley.server.ConnectionGuard", Level.DEBUG, "io.netty", Level.ERROR));
    }

    @Test
    void theEnvironmentSetsTheFormatOverTheConfigFile() throws Exception {
        Properties configFile = keys("log.format", "text");

        LogSettings.environment(configFile, Map.of("PARLEY_LOG_FORMAT", "JSON"));

        assertThat(LogSettings.from(configFile).format()).isEqualTo(LogSettings.Format.JSON);
        Properties unset = keys("log.format", "text");
        LogSettings.environment(unset, Map.of("PARLEY_LOG_FORMAT", " "));
        assertThat(LogSettings.from(unset).format()).isEqualTo(LogSettings.Format.TEXT);
    }

    @Test
    void wrongValuesNameTheKeyOrTheVariable() {
        assertThatThrownBy(() -> LogSettings.from(keys("log.format", "xml")))
                .isInstanceOf(ConfigException.class).hasMessage("log.format must be text or json, not xml");
        assertThatThrownBy(() -> LogSettings.from(keys("log.level", "loud")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("log.level takes the levels trace, debug, info, warn, error or off, not loud");
        assertThatThrownBy(() -> LogSettings.from(keys("log.level", "info, =debug")))
                .isInstanceOf(ConfigException.class).hasMessage("log.level takes a level and logger=level pairs"
                        + " (e.g. info, io.parley.server.ConnectionGuard=debug), not =debug");
        assertThatThrownBy(() -> LogSettings.environment(keys(), Map.of("PARLEY_LOG_FORMAT", "yaml")))
                .isInstanceOf(StartupException.class).hasMessage("the environment variable PARLEY_LOG_FORMAT must be"
                        + " text or json, not yaml; or give --log-format");
    }

    @Test
    void aWrongFlagIsNamedAsTheFlag() {
        java.io.StringWriter err = new java.io.StringWriter();

        int exitCode = Main.commandLine().setErr(new java.io.PrintWriter(err, true))
                .execute("serve", "--admin", "off", "--log-format", "xml");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err).hasToString("--log-format must be text or json, not xml" + System.lineSeparator());
    }

    @Test
    void applyingSwitchesTheLinesToJsonAndBackAndSetsLevels() throws Exception {
        Logger log = LoggerFactory.getLogger(LogSettingsTest.class);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogSettings.from(keys("log.format", "json", "log.level", "warn, io.parley.server.LogSettingsTest=debug"))
                    .apply();
            log.debug("a \"quoted\" debug line\nwith a second line");
            LoggerFactory.getLogger("io.parley.elsewhere").info("not shown: info is below warn");

            LogSettings.from(keys()).apply();
            log.debug("not shown: back at info");
            log.info("a text line again");
        } finally {
            System.setErr(stderr);
            LogSettings.from(keys()).apply();
        }

        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"DEBUG\","
                + "\"logger\":\"io\\.parley\\.server\\.LogSettingsTest\",\"thread\":\"[^\"]+\","
                + "\"message\":\"a \\\\\"quoted\\\\\" debug line\\\\nwith a second line\"}");
        assertThat(lines[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO"
                + " LogSettingsTest - a text line again");
    }
}
