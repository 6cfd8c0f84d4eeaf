package io.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws the latency percentiles of one or more result files as a PNG: one line per file, the
 * percentiles along the bottom, milliseconds on a logarithmic scale (tails span orders of
 * magnitude). Stateless; runs headless.
 */
final class Chart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max");
    /** The log scale cannot show 0: latencies under a microsecond are drawn at one. */
    private static final double FLOOR_MS = 0.001;

    private Chart() {}

    static void draw(List<Path> resultFiles, Path png) throws IOException {
        List<BenchResult> results = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Path file : resultFiles) {
            results.add(ResultFile.read(file));
            files.add(file.getFileName().toString());
        }
        CategoryChart chart = build(results, files);
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }

    /** The chart of {@code results}, each named after its file in {@code files}. */
    static CategoryChart build(List<BenchResult> results, List<String> files) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency percentiles").xAxisTitle("percentile").yAxisTitle("milliseconds").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setOverlapped(true); // every series's p99 above the same "p99" tick
        // Below the plot, the legend never hides a point, however many series there are.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        List<String> names = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int i = 0; i < results.size(); i++) {
            BenchResult result = results.get(i);
            BenchResult.Latency l = result.latency();
            if (l.count() == 0) {
                continue; // nothing was timed (an overloaded run): no line to draw
            }
            List<Double> millis = new ArrayList<>();
            for (long micros : new long[] {l.p50(), l.p90(), l.p99(), l.p999(), l.p9999(), l.max()}) {
                double value = Math.max(FLOOR_MS, micros / 1000.0);
                millis.add(value);
                lowest = Math.min(lowest, value);
                highest = Math.max(highest, value);
            }
            String name = unique(names, result.workload() + " " + result.protocol() + " (" + l.of() + ", "
                    + files.get(i) + ")");
            chart.addSeries(name, PERCENTILES, millis);
        }
        if (names.isEmpty()) {
            throw new IOException("none of the result files has latency samples to draw");
        }
        // XChart labels a logarithmic axis at powers of ten only: an axis from the decade below
        // the lowest value to the decade above the highest always has at least two labels.
        double[] decades = decades(lowest, highest);
        chart.getStyler().setYAxisMin(decades[0]);
        chart.getStyler().setYAxisMax(decades[1]);
        return chart;
    }

    /** The powers of ten just at or below {@code lowest} and just above {@code highest}. */
    static double[] decades(double lowest, double highest) {
        double below = Math.pow(10, Math.floor(Math.log10(lowest)));
        double above = Math.pow(10, Math.floor(Math.log10(highest)) + 1);
        return new double[] {below, above};
    }

    /** XChart needs distinct series names. */
    private static String unique(List<String> names, String name) {
        String candidate = name;
        for (int i = 2; names.contains(candidate); i++) {
            candidate = name + " #" + i;
        }
        names.add(candidate);
        return candidate;
    }
}
