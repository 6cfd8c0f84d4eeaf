package io.parley.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * What every workload runs on: the client event loops, the {@link Fleet} of connections, one
 * {@link Recorder} per loop, the server's and the bench's own CPU samplers, the progress line,
 * and the pieces of a {@link BenchResult}. Used by the workload's thread only (never an event
 * loop); {@link #close} releases everything.
 */
final class BenchRun implements AutoCloseable {

    /** How long joining may take per connection before the run gives up, on top of a base. */
    private static final long JOIN_TIMEOUT_BASE_MS = 30_000;
    private static final long JOIN_TIMEOUT_PER_CONNECTION_MS = 10;
    /** The room is settled once nothing has arrived for this long... */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** ...or, on a server that never quiets down, after this long. */
    private static final long SETTLE_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long POLL_MS = 100;
    /** The longest the warm-up is extended for the bench's JIT compiler to go quiet. */
    private static final long JIT_WAIT_MAX_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The backlog of deliveries the bench may have when its warm-up ends: this long's worth. */
    private static final long CATCH_UP_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The longest the warm-up is extended for the bench to catch up with its deliveries. */
    private static final long CATCH_UP_MAX_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long CATCH_UP_POLL_MS = 20;

    final BenchSettings settings;
    final ProtocolDriver driver;
    /** The instant payload times count from. */
    final long epochNanos = System.nanoTime();
    final Recorders recorders;
    final Fleet fleet;
    /** The server, when its pid was given. */
    final CpuSampler server;
    final CpuSampler client = CpuSampler.self();
    /** The server's CPU time when the run began, to tell a server from a process that never ran. */
    private final long serverCpuAtStart;
    private final EventLoopGroup group;
    private final ProgressLine progress;
    private final PrintStream progressOut;
    private final String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final List<String> failures = new ArrayList<>();

    BenchRun(BenchSettings settings, PrintStream progressOut) {
        this.settings = settings;
        this.driver = settings.protocol().driver();
        ClientTransport transport = ClientTransport.best();
        this.group = new MultiThreadIoEventLoopGroup(settings.threads(), transport.ioHandlerFactory());
        this.recorders = new Recorders(group, epochNanos);
        this.fleet = new Fleet(group, transport, settings, driver, recorders);
        this.server = settings.serverPids().isEmpty() ? null : new CpuSampler(settings.serverPids());
        this.serverCpuAtStart = server == null ? 0 : server.cpuNanos();
        this.progressOut = progressOut;
        this.progress = new ProgressLine(progressOut, settings.workload() + " " + settings.protocol().id());
    }

    /** Joins every member (at most {@code inFlight} at once), or throws saying why not. */
    void joinAll(List<BenchMember> members) throws InterruptedException {
        long timeout = JOIN_TIMEOUT_BASE_MS + JOIN_TIMEOUT_PER_CONNECTION_MS * members.size();
        try {
            fleet.joinAll(members, settings.inFlight()).get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchException("a member could not join: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            long joined = members.stream().filter(member -> member.firstJoin.isDone()).count();
            throw new BenchException(joined + " of " + members.size() + " members joined within " + timeout / 1000
                    + " s; is the server overloaded, or is the protocol's port right?", e);
        }
    }

    /**
     * Waits until the members have received nothing for a while: the join traffic (TCD
     * announcements, line hellos, which reach every member already in the room) has been
     * delivered, so it neither delays the first timed messages nor counts in the measurement.
     */
    void settle() throws InterruptedException {
        long start = System.nanoTime();
        long lastShown = start;
        long quietSince = start;
        long received = -1;
        for (long now = start; now - quietSince < QUIET_NANOS && now - start < SETTLE_MAX_NANOS;
                now = System.nanoTime()) {
            Recorder.Tally tally = recorders.tally();
            if (tally.others + tally.payloads != received) {
                received = tally.others + tally.payloads;
                quietSince = now;
            }
            if (now - lastShown >= TimeUnit.SECONDS.toNanos(1)) {
                showProgress("settle", 0);
                lastShown = now;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    /** Samples the server now, or null when its pid is unknown. */
    CpuSampler.Sample serverSample() {
        return server == null ? null : server.sample();
    }

    /** Waits until {@code untilNanos}, printing progress every second. */
    void waitUntil(long untilNanos, String phase, LongSupplier sent) throws InterruptedException {
        long start = System.nanoTime();
        for (long now = start; now < untilNanos; now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), untilNanos - now));
            showProgress(phase, sent.getAsLong());
        }
    }

    /**
     * Waits (at most {@link #JIT_WAIT_MAX_NANOS}) until the bench's JIT compiler has been quiet
     * for a while (see {@link JitQuiet}); says so when it never was.
     */
    void waitForQuietJit(LongSupplier sent) throws InterruptedException {
        JitQuiet jit = JitQuiet.ofThisJvm();
        extendWarmUp("warm-up (JIT)", jit::quietAt, JIT_WAIT_MAX_NANOS, POLL_MS,
                "the bench's JIT compiler was still busy", "may include the bench's own warm-up", sent);
    }

    /**
     * Waits (at most {@link #CATCH_UP_MAX_NANOS}) until the deliveries owed for what has been sent
     * have arrived, but for {@link #CATCH_UP_SLACK_NANOS} worth of them: a bench that fell behind
     * while its JIT compiled (or while other processes had its core) has a backlog of deliveries
     * in the sockets, and measuring from then on would time the bench's backlog, not the server.
     * Says so when it never caught up.
     *
     * @param owed the deliveries owed for the messages sent so far
     * @param deliveriesPerSecond the deliveries the run's rate offers per second
     */
    void waitUntilCaughtUp(LongSupplier owed, double deliveriesPerSecond, LongSupplier sent)
            throws InterruptedException {
        long slack = (long) (deliveriesPerSecond * CATCH_UP_SLACK_NANOS / 1e9);
        extendWarmUp("warm-up (catching up)", now -> owed.getAsLong() - recorders.tally().payloads <= slack,
                CATCH_UP_MAX_NANOS, CATCH_UP_POLL_MS, "the bench still had a backlog of deliveries",
                "include the bench's own lateness in reading", sent);
    }

    /**
     * Polls every {@code pollMs} until {@code ready} holds at {@link System#nanoTime()}, showing
     * progress every second; after {@code maxNanos} gives up with a warning that the latencies
     * {@code consequence}. The bench's warm-up extensions: nothing signals either condition.
     */
    private void extendWarmUp(String phase, LongPredicate ready, long maxNanos, long pollMs, String state,
            String consequence, LongSupplier sent) throws InterruptedException {
        long start = System.nanoTime();
        long lastShown = start;
        for (long now = start; !ready.test(now); now = System.nanoTime()) {
            if (now - start > maxNanos) {
                progressOut.println("parley bench: warning: " + state + " "
                        + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s after the warm-up; the latencies "
                        + consequence);
                return;
            }
            if (now - lastShown >= TimeUnit.SECONDS.toNanos(1)) {
                showProgress(phase, sent.getAsLong());
                lastShown = now;
            }
            TimeUnit.MILLISECONDS.sleep(pollMs);
        }
    }

    void showProgress(String phase, long sent) {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - epochNanos);
        progress.update(phase, elapsed, sent, recorders.total(), serverSample());
    }

    void fail(String why) {
        failures.add(why);
    }

    /** Adds the failures the counts show: anything lost, doubled, refused or out of place. */
    void checkCounts(Recorder.Tally tally) {
        if (tally.lost > 0) {
            fail(tally.lost + " deliveries lost (gaps in members' sequences)");
        }
        if (tally.missing > 0) {
            fail(tally.missing + " deliveries still missing when the drain ended (" + settings.drain().toSeconds()
                    + " s at most after the last send): lost, or later than that");
        }
        if (tally.duplicated > 0) {
            fail(tally.duplicated + " messages delivered twice or out of order");
        }
        if (tally.unexpected > 0) {
            fail(tally.unexpected + " messages delivered to members that had left");
        }
        if (tally.refused > 0) {
            fail(tally.refused + " refusals from the server, the first: " + tally.firstRefusal);
        }
    }

    static BenchResult.Latency latency(String of, Histogram histogram) {
        return new BenchResult.Latency(of, histogram.getTotalCount(),
                histogram.getTotalCount() == 0 ? 0 : histogram.getMean(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }

    BenchResult result(BenchResult.Counts counts, BenchResult.Latency latency, BenchResult.Rates rates,
            BenchResult.Server serverStats, Double clientCpuPercent) {
        return result(counts, latency, rates, serverStats, clientCpuPercent, null);
    }

    BenchResult result(BenchResult.Counts counts, BenchResult.Latency latency, BenchResult.Rates rates,
            BenchResult.Server serverStats, Double clientCpuPercent, BenchResult.Latency sendLag) {
        progress.done();
        BenchResult.Server measured = serverStats;
        if (server != null) {
            var idle = ServerProcess.idleWarning(server.pid(), serverCpuAtStart, server.cpuNanos());
            if (idle.isPresent()) {
                progressOut.println("parley bench: warning: " + idle.get());
                measured = BenchResult.Server.NOT_MEASURED;
            }
        }
        if (latency != null && latency.count() > 0) {
            BusyBench.warning(clientCpuPercent, settings.threads())
                    .ifPresent(busy -> progressOut.println("parley bench: warning: " + busy));
        }
        return new BenchResult(settings.workload().name(), settings.protocol().id(), started, Machine.describe(),
                settings.describe(), counts, latency, rates, measured, clientCpuPercent, failures, sendLag);
    }

    @Override
    public void close() {
        fleet.closeAll();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
