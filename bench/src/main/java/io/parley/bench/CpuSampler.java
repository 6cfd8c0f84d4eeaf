package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's CPU time (user + system, every thread) from {@code /proc/<pid>/stat} and its
 * resident memory from {@code /proc/<pid>/status}: a sample before and one after a measurement
 * give its CPU per delivery. Linux only; the kernel counts in clock ticks (usually 10 ms), so an
 * interval should last seconds. Thread-safe (stateless).
 */
final class CpuSampler {

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}); 100 on every common Linux. */
    private static final long TICKS_PER_SECOND = 100;
    /** utime and stime are fields 14 and 15 of stat; counted after the ")" that ends field 2. */
    private static final int UTIME_AFTER_NAME = 11;
    private static final int STIME_AFTER_NAME = 12;

    private final long pid;
    /** Every process counted: {@link #pid} and, for a cluster's nodes, the others. */
    private final java.util.List<Long> pids;

    CpuSampler(long pid) {
        this(java.util.List.of(pid));
    }

    /** The processes {@code pids} together (a cluster's nodes): their CPU and memory summed; the first is {@link #pid}. */
    CpuSampler(java.util.List<Long> pids) {
        this.pid = pids.get(0);
        this.pids = java.util.List.copyOf(pids);
    }

    static CpuSampler self() {
        return new CpuSampler(ProcessHandle.current().pid());
    }

    long pid() {
        return pid;
    }

    /** Whether the processes exist and their {@code /proc} files can be read. */
    boolean readable() {
        return pids.stream().allMatch(one -> Files.isReadable(stat(one)));
    }

    /** A sample now. */
    Sample sample() {
        return new Sample(System.nanoTime(), cpuNanos());
    }

    /** The CPU time the process has used, in nanoseconds. */
    long cpuNanos() {
        long sum = 0;
        for (long one : pids) {
            sum += parseCpuNanos(read(stat(one)));
        }
        return sum;
    }

    /** The processes' resident set size, in KiB, summed. */
    long rssKib() {
        long sum = 0;
        for (long one : pids) {
            sum += rssKib(one);
        }
        return sum;
    }

    private static long rssKib(long pid) {
        for (String line : read(proc(pid).resolve("status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    static long parseCpuNanos(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: split after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        long ticks = Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[STIME_AFTER_NAME]);
        return ticks * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
    }

    private static Path proc(long pid) {
        return Path.of("/proc", Long.toString(pid));
    }

    private static Path stat(long pid) {
        return proc(pid).resolve("stat");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** CPU time used and wall time, both in nanoseconds, at one moment. */
    record Sample(long wallNanos, long cpuNanos) {

        /** The CPU time used from {@code earlier} to this sample. */
        long cpuSince(Sample earlier) {
            return cpuNanos - earlier.cpuNanos;
        }

        /** CPU use from {@code earlier} to this sample, in percent of one core. */
        double percentSince(Sample earlier) {
            long wall = wallNanos - earlier.wallNanos;
            return wall <= 0 ? 0 : 100.0 * cpuSince(earlier) / wall;
        }
    }
}
