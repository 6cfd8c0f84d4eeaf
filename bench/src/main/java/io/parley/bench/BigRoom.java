package io.parley.bench;

/**
 * W3, one big room: every member in one room (by default 500), a few senders (10) at a high
 * total rate (2,000 msg/s), so each message fans out to the whole room: the 1 M
 * deliveries/s case.
 */
final class BigRoom implements Workload {

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        return TrafficRun.run(run, new RoomLayout(run.settings, 0, 0), TrafficRun.Sideline.NONE);
    }
}
