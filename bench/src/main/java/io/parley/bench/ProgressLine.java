package io.parley.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The line a run prints every second: phase, time, counts, rates, the latest second's p99 and
 * the server's CPU. On a terminal it rewrites itself; otherwise (a log, a script) it prints one
 * line per update. Used by the thread that runs the workload only.
 */
final class ProgressLine {

    private final PrintStream out;
    private final String label;
    private final boolean terminal = System.console() != null;
    private long lastPayloads;
    private long lastNanos = System.nanoTime();
    private Histogram lastLatency;
    private CpuSampler.Sample lastServer;

    ProgressLine(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Prints an update from the run's current totals. */
    void update(String phase, long elapsedSeconds, long sent, Recorder totals, CpuSampler.Sample server) {
        long now = System.nanoTime();
        Recorder.Tally tally = totals.tally();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double perSecond = (tally.payloads - lastPayloads) / seconds;
        Histogram second = totals.latency.copy();
        if (lastLatency != null) {
            second.subtract(lastLatency);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s %-8s %4ds  sent %,d  delivered %,d (%s/s)  lost %,d  dup %,d", label, phase, elapsedSeconds, sent,
                tally.payloads, SummaryTable.compact(perSecond), tally.lost, tally.duplicated));
        if (second.getTotalCount() > 0) {
            line.append(String.format(Locale.ROOT, "  p99 %s ms", SummaryTable.millis(second.getValueAtPercentile(99))));
        }
        if (server != null && lastServer != null) {
            line.append(String.format(Locale.ROOT, "  server %.0f%% cpu", server.percentSince(lastServer)));
        }
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        lastPayloads = tally.payloads;
        lastNanos = now;
        lastLatency = totals.latency.copy();
        lastServer = server;
    }

    /** Ends the rewritten line before other output. */
    void done() {
        if (terminal) {
            out.println();
        }
    }
}
