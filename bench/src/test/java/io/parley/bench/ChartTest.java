package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine;

/** {@code parley bench --chart}: readable axes whatever the data's span, and a clear error for a missing file. */
class ChartTest {

    @TempDir
    Path dir;

    /** Latencies from 2 ms to 8 ms: within one decade. */
    private static BenchResult withinOneDecade() {
        BenchResult sample = ResultFileTest.sample("W3", 4000, List.of());
        return new BenchResult(sample.workload(), sample.protocol(), sample.started(), sample.machine(),
                sample.settings(), sample.counts(),
                new BenchResult.Latency("delivery", 1000, 3000, 2000, 2500, 4000, 5000, 6000, 8000),
                sample.rates(), sample.server(), sample.clientCpuPercent(), List.of(),
                sample.sendLag());
    }

    @Test
    void dataWithinOneDecadeGetsAnAxisFromOnePowerOfTenToTheNext() throws Exception {
        CategoryChart chart = Chart.build(List.of(withinOneDecade()), List.of("w3.json"));

        // XChart labels a logarithmic axis at powers of ten only: the axis must hold two of them.
        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(1.0);
        assertThat(chart.getStyler().getYAxisMax()).isEqualTo(10.0);
    }

    @Test
    void dataOverManyDecadesKeepsAllOfThemInRange() throws Exception {
        BenchResult wide = ResultFileTest.sample("W3", 4000, List.of()); // 0.8 ms to 50 ms
        CategoryChart chart = Chart.build(List.of(wide), List.of("w3.json"));

        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(0.1);
        assertThat(chart.getStyler().getYAxisMax()).isEqualTo(100.0);
    }

    @Test
    void theLegendIsOutsideThePlotSoItCoversNoPoint() throws Exception {
        CategoryChart chart = Chart.build(List.of(withinOneDecade(), withinOneDecade()), List.of("a.json", "b.json"));

        assertThat(chart.getStyler().getLegendPosition())
                .isIn(Styler.LegendPosition.OutsideS, Styler.LegendPosition.OutsideE);
    }

    @Test
    void aChartIsWrittenAsAPng() throws Exception {
        Path result = dir.resolve("w3.json");
        ResultFile.write(withinOneDecade(), result);
        Path png = dir.resolve("latency.png");

        Chart.draw(List.of(result), png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aMissingResultFileIsOneLineNamingItAndExitCode1() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true));

        int exit = command.execute("--chart", dir.resolve("x.png").toString(), "nosuch.json");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("parley bench: no such file: nosuch.json" + System.lineSeparator());
        assertThat(dir.resolve("x.png")).doesNotExist();
    }
}
