package io.parley.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The sending phase shared by W3..W6: every member joins, the senders send on their open-loop
 * schedule through a warm-up and the measured interval, then the run waits for what is still on
 * its way and checks every exact member's sequence from every sender of its room.
 *
 * <p>Used by the workload's thread only.
 */
final class TrafficRun {

    /** Lets the first ticks find every sender ready. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How far ahead the measured interval's start is set, so every loop knows it in time. */
    private static final long ARM_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DRAIN_POLL_MS = 100;
    /** How long a slow consumer, reading again, may take to reach the end of its dropped connection. */
    private static final long SLOW_CLOSE_WAIT_SECONDS = 2;

    /** Something that runs alongside the senders (W5's churn), started and stopped with them. */
    interface Sideline {
        Sideline NONE = new Sideline() {};

        default void start() {}

        default void stop() {}

        /** Adds its own counts (joins, leaves) to the result's. */
        default BenchResult.Counts addTo(BenchResult.Counts counts) {
            return counts;
        }
    }

    private TrafficRun() {}

    static BenchResult run(BenchRun run, RoomLayout layout, Sideline sideline) throws InterruptedException {
        BenchSettings settings = run.settings;
        run.joinAll(layout.members);
        run.settle();
        for (BenchMember slow : layout.withRole(BenchMember.Role.SLOW)) {
            slow.channel().config().setAutoRead(false);
        }
        List<Sender> senders = layout.withRole(BenchMember.Role.SENDER).stream()
                .map(member -> new Sender(member.index, member, settings.intervalNanos(), run.epochNanos,
                        settings.size(), settings.latencyFrom()))
                .toList();
        long start = System.nanoTime() + START_DELAY_NANOS;
        SendSchedule schedule = new SendSchedule(senders, settings.intervalNanos(), start, Long.MAX_VALUE,
                run.recorders);
        sideline.start();
        LongSupplier sent = () -> senders.stream().mapToLong(Sender::sent).sum();

        // The warm-up lasts --warmup seconds, and then until the bench's own JIT has gone quiet;
        // --warmup 0 is none at all (a small correctness run, whose JVM may also hold a busy server).
        run.waitUntil(start + settings.warmup().toNanos(), "warm-up", sent);
        if (!settings.warmup().isZero()) {
            run.waitForQuietJit(sent);
            run.waitUntilCaughtUp(() -> {
                long[] sentBySender = new long[settings.senders()];
                senders.forEach(sender -> sentBySender[sender.index] = sender.sent());
                return layout.expected(sentBySender);
            }, layout.expected(everySenderOnce(settings.senders())) * settings.rate() / settings.senders(), sent);
        }
        long measureFrom = System.nanoTime() + ARM_AHEAD_NANOS;
        long stop = measureFrom + settings.duration().toNanos();
        run.recorders.forEachLoop(recorder -> recorder.measureFrom(measureFrom));
        schedule.stopAt(stop);
        run.waitUntil(measureFrom, "warm-up", sent);
        CpuSampler.Sample serverBefore = run.serverSample();
        CpuSampler.Sample clientBefore = run.client.sample();
        Recorder.Tally before = run.recorders.tally();
        long sentBefore = sent.getAsLong();
        run.waitUntil(stop, "measure", sent);
        CpuSampler.Sample serverAfter = run.serverSample();
        CpuSampler.Sample clientAfter = run.client.sample();
        Recorder.Tally after = run.recorders.tally();
        long sentAfter = sent.getAsLong();
        schedule.stop();
        sideline.stop();
        // A tick may still be running: once every loop has run a task after the cancel, the
        // senders' counts are final and visible here.
        run.recorders.forEachLoop(recorder -> {});

        long[] sentBySender = new long[settings.senders()];
        senders.forEach(sender -> sentBySender[sender.index] = sender.sent());
        long expected = layout.expected(sentBySender);
        drain(run, expected, sent.getAsLong(), settings.drain().toNanos());
        List<BenchMember> exact = layout.members.stream()
                .filter(member -> member.role.check == Receipts.Check.EXACT).toList();
        run.recorders.forEachMember(exact, (member, recorder) ->
                recorder.missingAtEnd(member.receipts.missingAtEnd(layout.sendersHeardBy(member), sentBySender)));
        Recorder total = run.recorders.total();
        Recorder.Tally tally = total.tally();

        long disconnected = layout.members.stream()
                .filter(member -> member.role != BenchMember.Role.SLOW && member.role != BenchMember.Role.CHURNER
                        && member.closed.isDone())
                .count();
        long slowDropped = dropped(layout.withRole(BenchMember.Role.SLOW));
        run.checkCounts(tally);
        if (tally.lost == 0 && tally.missing == 0 && tally.delivered != expected) {
            run.fail("delivered " + tally.delivered + " of " + expected + " expected deliveries");
        }
        if (disconnected > 0) {
            run.fail(disconnected + " members were disconnected during the run");
        }

        // The senders stop at `stop`, but the samples after it come a little later (the progress
        // line reads every loop first): that tail is not time in which the run fell short.
        double seconds = Math.max(1, Math.min(clientAfter.wallNanos(), stop) - clientBefore.wallNanos()) / 1e9;
        long deliveries = after.payloads - before.payloads;
        BenchResult.Counts counts = sideline.addTo(new BenchResult.Counts(sent.getAsLong(), expected,
                tally.delivered, tally.lost, tally.missing, tally.duplicated, tally.unexpected, tally.windowDelivered, tally.others,
                tally.refused, layout.members.size(), 0, slowDropped, disconnected));
        BenchResult.Rates rates = new BenchResult.Rates((sentAfter - sentBefore) / seconds, deliveries / seconds, 0);
        BenchResult.Server server = BenchResult.Server.NOT_MEASURED;
        if (serverBefore != null) {
            double cpuNanos = serverAfter.cpuSince(serverBefore);
            server = new BenchResult.Server(run.server.pid(), cpuNanos / 1e9, serverAfter.percentSince(serverBefore),
                    deliveries == 0 ? null : cpuNanos / 1000 / deliveries, null, null, null, null);
        }
        return run.result(counts, BenchRun.latency(settings.latencyFrom().label, total.latency), rates, server,
                clientAfter.percentSince(clientBefore), BenchRun.latency("send lag", total.sendLag));
    }

    /** One message from every sender: what one message of each costs in deliveries. */
    private static long[] everySenderOnce(int senders) {
        long[] once = new long[senders];
        java.util.Arrays.fill(once, 1);
        return once;
    }

    /**
     * How many slow consumers the server disconnected. A consumer that does not read cannot see
     * its connection end, so each now reads what is buffered, and those whose connection then
     * ends within a few seconds were dropped.
     */
    private static long dropped(List<BenchMember> slow) throws InterruptedException {
        slow.forEach(member -> member.channel().config().setAutoRead(true));
        try {
            CompletableFuture.allOf(slow.stream().map(member -> member.closed).toArray(CompletableFuture[]::new))
                    .get(SLOW_CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Some were not dropped: counted below.
        }
        return slow.stream().filter(member -> member.closed.isDone()).count();
    }

    /**
     * Waits until every expected delivery has arrived, or {@code maxNanos} (--drain) has passed:
     * what has not arrived by then is reported missing. It does not give up sooner when nothing
     * arrives for a while: on a loaded machine deliveries can stall for seconds and then all
     * arrive (a cut-off after 3 s of quiet reported 182 of them missing that came in later).
     */
    private static void drain(BenchRun run, long expected, long sent, long maxNanos) throws InterruptedException {
        long start = System.nanoTime();
        long lastShown = start;
        while (true) {
            Recorder.Tally tally = run.recorders.tally();
            long now = System.nanoTime();
            if (tally.delivered >= expected || now - start > maxNanos) {
                return;
            }
            if (now - lastShown >= TimeUnit.SECONDS.toNanos(1)) {
                run.showProgress("drain", sent);
                lastShown = now;
            }
            TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MS);
        }
    }
}
