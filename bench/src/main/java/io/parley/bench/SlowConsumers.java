package io.parley.bench;

/**
 * W6, slow consumers: W3's room where 1% of the members (at least one) stop reading once joined,
 * with small receive buffers. The server should drop them when they pass its outbound cap while
 * every other member keeps receiving everything, on time.
 */
final class SlowConsumers implements Workload {

    static final double SLOW_SHARE = 0.01;

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        int slow = Math.max(1, (int) (run.settings.connections() * SLOW_SHARE));
        return TrafficRun.run(run, new RoomLayout(run.settings, slow, 0), TrafficRun.Sideline.NONE);
    }
}
