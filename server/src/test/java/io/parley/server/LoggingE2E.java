package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server's log on stderr: the text lines it has always printed, JSON lines with
 * {@code --log-format json} or {@code PARLEY_LOG_FORMAT=json}, and {@code --log-level}. Run by
 * failsafe after {@code package}.
 */
class LoggingE2E {

    /** The text line: local time with its offset, level, the logger's class, the message. */
    private static final String TEXT_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO|WARN|ERROR) [\\w$]+ - .*";
    private static final String JSON_LINE = "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
            + "\"level\":\"(TRACE|DEBUG|INFO|WARN|ERROR)\",\"logger\":\"[\\w.$]+\",\"thread\":\"[^\"]*\",\"message\":\".*\"}";

    @TempDir
    Path data;

    @TempDir
    Path logs;

    private List<String> serve(List<String> prefix, String... flags) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("java", "-jar", ServerProcess.home().resolve("server/target/parley.jar").toString(),
                "serve", "--data", data.toString(), "--bind", "127.0.0.1", "--tcd", "off", "--line", "0",
                "--account", "off", "--directory", "off", "--web", "off", "--admin", "off"));
        command.addAll(List.of(flags));
        try (ServerProcess server = ServerProcess.start(command, data, logs)) {
            server.awaitPort("Line");
            server.terminate();
            assertThat(server.awaitExit()).as("exit code; stderr:%n%s", server.stderr()).isZero();
            return server.stderr().lines().toList();
        }
    }

    @Test
    void textLinesByDefault() throws Exception {
        List<String> lines = serve(List.of());

        assertThat(lines).allMatch(line -> line.matches(TEXT_LINE), "each a text line")
                .anyMatch(line -> line.matches(".* INFO ParleyServer - Parley started \\(.*"))
                .anyMatch(line -> line.matches(".* INFO SqliteStore - Store closed"));
    }

    @Test
    void jsonLinesWithTheFlag() throws Exception {
        List<String> lines = serve(List.of(), "--log-format", "json");

        assertThat(lines).allMatch(line -> line.matches(JSON_LINE), "each a JSON line")
                .anyMatch(line -> line.contains("\"logger\":\"io.parley.server.ParleyServer\"")
                        && line.contains("\"message\":\"Parley started ("))
                .anyMatch(line -> line.endsWith("\"message\":\"Store closed\"}"));
    }

    @Test
    void theEnvironmentWinsOverTheConfigFileAndTheFlagOverBoth() throws Exception {
        Path config = Files.writeString(logs.resolve("parley.conf"), "log.format = text\n");

        List<String> fromTheEnvironment = serve(List.of("env", "PARLEY_LOG_FORMAT=json"), "--config", config.toString());
        List<String> fromTheFlag = serve(List.of("env", "PARLEY_LOG_FORMAT=json"), "--config", config.toString(),
                "--log-format", "text");

        assertThat(fromTheEnvironment).isNotEmpty().allMatch(line -> line.matches(JSON_LINE), "each a JSON line");
        assertThat(fromTheFlag).isNotEmpty().allMatch(line -> line.matches(TEXT_LINE), "each a text line");
    }

    @Test
    void aLevelAboveInfoLeavesTheNormalStartAndStopUnlogged() throws Exception {
        assertThat(serve(List.of(), "--log-level", "warn")).isEmpty();
    }
}
