package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run's result file goes: bench/results/ by default, never the directory the bench ran in. */
class ResultLocationTest {

    @TempDir
    Path dir;

    @Test
    void withoutOutTheResultGoesUnderBenchResults() {
        Path file = BenchCommand.resultFile(null, "W3-line-20261203-020000.json");

        assertThat(file).isEqualTo(Path.of("bench", "results", "W3-line-20261203-020000.json"));
        assertThat(file.getParent()).isNotNull();
    }

    @Test
    void outNamingAFileIsThatFile() {
        assertThat(BenchCommand.resultFile(dir.resolve("w3.json").toString(), "W3-line-x.json")).isEqualTo(dir.resolve("w3.json"));
    }

    @Test
    void outNamingADirectoryPutsTheDefaultNameInIt() throws Exception {
        assertThat(BenchCommand.resultFile(dir.toString(), "W3-line-x.json")).isEqualTo(dir.resolve("W3-line-x.json"));
        Path notYet = dir.resolve("later");
        assertThat(BenchCommand.resultFile(notYet + "/", "W3-line-x.json"))
                .isEqualTo(notYet.resolve("W3-line-x.json"));
        assertThat(Files.exists(notYet)).isFalse();
    }
}
