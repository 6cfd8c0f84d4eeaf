package io.parley.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Prints results for people: one run in detail, or many runs as a table with one row per
 * workload, protocol and shape, each number the median of that row's repeats (counts of lost
 * messages are summed, since a lost message is a failure, not noise). Stateless.
 */
final class SummaryTable {

    private static final String[] HEADER = {"workload", "protocol", "runs", "conns", "rooms", "msg/s in",
        "deliveries/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "lost+missing", "srv us/deliv", "srv cpu%",
        "conns/s", "srv KiB/conn", "bench cpu%", "result"};

    private SummaryTable() {}

    /** One run in detail. */
    static void print(BenchResult r, PrintStream out) {
        BenchResult.Settings s = r.settings();
        BenchResult.Counts c = r.counts();
        BenchResult.Latency l = r.latency();
        out.printf(Locale.ROOT, "%s %s (%s): %s%n", r.workload(), r.protocol(),
                WorkloadKind.valueOf(r.workload()).description, r.verdict().label());
        out.printf(Locale.ROOT, "  shape     %,d connections, %,d room(s), %,d senders, %,.0f msg/s, %d-byte payloads,"
                + " %.0f s measured after %.0f s warm-up%n", s.connections(), s.rooms(), s.senders(), s.rate(), s.size(),
                s.durationSeconds(), s.warmupSeconds());
        if (s.senders() > 0) {
            out.printf(Locale.ROOT, "  messages  sent %,d; deliveries expected %,d, delivered %,d, lost %,d, missing at"
                    + " the end %,d, duplicated %,d, after leaving %,d; to churning members %,d%n", c.sent(),
                    c.expected(), c.delivered(), c.lost(), c.missing(), c.duplicated(), c.unexpected(),
                    c.windowDelivered());
            out.printf(Locale.ROOT, "  rates     %s msg/s in, %s deliveries/s%n", compact(r.rates().messages()),
                    compact(r.rates().deliveries()));
        } else {
            out.printf(Locale.ROOT, "  joined    %,d connections, %s per second%n", c.joins(),
                    compact(r.rates().connections()));
        }
        if (c.leaves() > 0 || c.slowDropped() > 0 || r.workload().equals(WorkloadKind.W6.name())) {
            out.printf(Locale.ROOT, "  members   %,d joins, %,d leaves; slow consumers dropped by the server: %,d%n",
                    c.joins(), c.leaves(), c.slowDropped());
        }
        if (l.count() == 0) {
            out.printf(Locale.ROOT, "  latency   %s: no samples (nothing sent in the measured interval arrived)%n", l.of());
        } else {
            out.printf(Locale.ROOT, "  latency   %s: p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s ms (%,d samples)%n",
                    l.of(), millis(l.p50()), millis(l.p90()), millis(l.p99()), millis(l.p999()), millis(l.p9999()),
                    millis(l.max()), l.count());
        }
        BenchResult.Server srv = r.server();
        if (srv.pid() != null) {
            out.printf(Locale.ROOT, "  server    pid %d: %s%% of a core%s%s%s%n", srv.pid(), number(srv.cpuPercent(), 0),
                    srv.cpuPerDeliveryMicros() == null ? "" : ", " + number(srv.cpuPerDeliveryMicros(), 2) + " us CPU per delivery",
                    srv.cpuPerConnectionMicros() == null ? "" : ", " + number(srv.cpuPerConnectionMicros(), 0) + " us CPU per connection",
                    srv.rssPerConnectionBytes() == null ? "" : String.format(Locale.ROOT, ", RSS %,d -> %,d KiB = %s bytes per connection",
                            srv.rssBeforeKib(), srv.rssAfterKib(), number(srv.rssPerConnectionBytes(), 0)));
        }
        BenchResult.Latency lag = r.sendLag();
        out.printf(Locale.ROOT, "  bench     %s%% of a core%s%n", number(r.clientCpuPercent(), 0),
                lag == null || lag.count() == 0 ? "" : String.format(Locale.ROOT,
                        "; its sends late by p50 %s  p99 %s  max %s ms", millis(lag.p50()), millis(lag.p99()),
                        millis(lag.max())));
        r.failures().forEach(failure -> out.println("  FAILURE   " + failure));
        r.shortfall().ifPresent(why -> out.println("  NOT SUSTAINED  " + why));
    }

    /** Many runs: one row per workload, protocol and shape, medians of the repeats. */
    static void printMedians(List<BenchResult> results, PrintStream out) {
        Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
        for (BenchResult r : results) {
            BenchResult.Settings s = r.settings();
            String key = r.workload() + " " + r.protocol() + " " + s.connections() + " " + s.rooms() + " " + s.rate();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (List<BenchResult> runs : groups.values()) {
            BenchResult first = runs.get(0);
            boolean sends = first.settings().senders() > 0;
            rows.add(new String[] {
                first.workload(), first.protocol(), Integer.toString(runs.size()),
                Integer.toString(first.settings().connections()), Integer.toString(first.settings().rooms()),
                sends ? compact(first.settings().rate()) : "-",
                sends ? compact(median(runs, r -> r.rates().deliveries())) : "-",
                millis(median(runs, r -> timed(r, r.latency().p50()))),
                millis(median(runs, r -> timed(r, r.latency().p99()))),
                millis(median(runs, r -> timed(r, r.latency().p999()))),
                millis(median(runs, r -> timed(r, r.latency().max()))),
                Long.toString(runs.stream().mapToLong(r -> r.counts().lost() + r.counts().missing()).sum()),
                number(median(runs, r -> r.server().cpuPerDeliveryMicros()), 2),
                number(median(runs, r -> r.server().cpuPercent()), 0),
                sends ? "-" : compact(median(runs, r -> r.rates().connections())),
                number(median(runs, r -> r.server().rssPerConnectionBytes() == null ? null
                        : r.server().rssPerConnectionBytes() / 1024), 1),
                number(median(runs, BenchResult::clientCpuPercent), 0),
                verdicts(runs)});
        }
        int[] widths = new int[HEADER.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < 2 ? String.format("%-" + widths[i] + "s  ", row[i])
                        : String.format("%" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        results.stream().filter(r -> !r.passed()).forEach(r -> out.println(r.verdict().label() + " " + r.workload()
                + " " + r.protocol() + " " + r.started() + ": " + String.join("; ", r.verdict() == Verdict.FAILED
                        ? r.failures() : r.shortfall().stream().toList())));
    }

    /** "pass" when every repeat passed, else how many failed and how many did not sustain the rate. */
    private static String verdicts(List<BenchResult> runs) {
        long failed = runs.stream().filter(r -> r.verdict() == Verdict.FAILED).count();
        long notSustained = runs.stream().filter(r -> r.verdict() == Verdict.NOT_SUSTAINED).count();
        if (failed == 0 && notSustained == 0) {
            return "pass";
        }
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (notSustained > 0) {
            parts.add(notSustained + " not sustained");
        }
        return String.join(", ", parts);
    }

    /** A latency figure, or null (shown as "-") when the run timed nothing. */
    private static Double timed(BenchResult r, long micros) {
        return r.latency().count() == 0 ? null : (double) micros;
    }

    /** The median of the values present, or null when none is. */
    static Double median(List<BenchResult> runs, Function<BenchResult, Double> value) {
        double[] values = runs.stream().map(value).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** A count or rate in a few characters: 950, 12.3k, 1.02M. */
    static String compact(Double value) {
        if (value == null) {
            return "-";
        }
        double v = value;
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** Microseconds as milliseconds. */
    static String millis(Double micros) {
        return micros == null ? "-" : String.format(Locale.ROOT, "%.2f", micros / 1000);
    }

    static String millis(long micros) {
        return millis((double) micros);
    }

    private static String number(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
