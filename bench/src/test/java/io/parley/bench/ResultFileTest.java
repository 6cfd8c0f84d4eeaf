package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result files: written and read back equal, absent numbers as null, odd text escaped. */
class ResultFileTest {

    @TempDir
    Path dir;

    static BenchResult sample(String workload, long p99, List<String> failures) {
        return new BenchResult(workload, "line", "2026-01-02T03:04:05Z", "AMD EPYC, 1 cores \"quoted\"\tand tab",
                new BenchResult.Settings(500, 1, 10, 2000, 10, 2, 100, 1000),
                new BenchResult.Counts(20_000, 10_000_000, 9_999_990, 10, 0, 0, 0, 0, 500, 0, 500, 0, 0, 0),
                new BenchResult.Latency("delivery", 9_999_990, 1234.5, 800, 2000, p99, 9000, 12_000, 50_000),
                new BenchResult.Rates(2000.0, 999_999.5, 0),
                new BenchResult.Server(4242L, 9.5, 95.25, 0.95, null, null, null, null),
                61.0, failures, new BenchResult.Latency("send lag", 9_999_990, 120.5, 100, 300, 900, 1500, 2000, 3000));
    }

    @Test
    void aResultReadsBackEqual() throws IOException {
        BenchResult result = sample("W3", 4000, List.of("10 messages lost (missing from members' sequences)"));
        Path file = dir.resolve("nested/w3.json");
        ResultFile.write(result, file);
        assertThat(ResultFile.read(file)).isEqualTo(result);
        assertThat(Files.readString(file)).contains("\"cpuPerConnectionMicros\": null", "\"p99\": 4000",
                "\\\"quoted\\\"\\tand tab");
    }

    @Test
    void aFileFromBeforeTheSendLagWasMeasuredReadsWithoutIt() throws IOException {
        BenchResult result = sample("W3", 4000, List.of());
        Path file = dir.resolve("old.json");
        Files.writeString(file, ResultFile.toJson(result).replaceAll(",\\s*\"sendLag\": \\{[^}]*\\}", ""));
        assertThat(Files.readString(file)).doesNotContain("sendLag");
        assertThat(ResultFile.read(file).sendLag()).isNull();
        assertThat(ResultFile.read(file).latency()).isEqualTo(result.latency());
    }

    @Test
    void theJsonReaderTakesWhatOtherToolsWrite() {
        Object tree = Json.read(" {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"], \"b\": {}, \"c\": []} ");
        assertThat(tree).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -2500.0, true, null, "é\n"),
                "b", Map.of(), "c", List.of()));
        assertThatThrownBy(() -> Json.read("{\"a\": 1} x")).hasMessageContaining("offset");
        assertThatThrownBy(() -> Json.read("{\"a\" 1}")).hasMessageContaining("expected ':'");
    }

    @Test
    void aFileThatIsNotAResultSaysWhichAndWhy() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"workload\": \"W3\"}");
        assertThatThrownBy(() -> ResultFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("other.json").hasMessageContaining("protocol");
    }

    @Test
    void theSummaryTakesMediansOfRepeatsAndSumsLosses() {
        List<BenchResult> runs = List.of(sample("W3", 3000, List.of()), sample("W3", 9000, List.of()),
                sample("W3", 4000, List.of("lost")));
        assertThat(SummaryTable.median(runs, r -> (double) r.latency().p99())).isEqualTo(4000.0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        SummaryTable.printMedians(runs, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String table = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(table.lines().toList().get(1)).contains("W3", "line", " 3 ", "4.00", " 30 ", "1 failed");
    }
}
