package io.parley.bench;

/**
 * W3 and W4: members spread over the shape's rooms, senders at a constant total rate, every
 * member reading everything. They differ only in shape: W3 puts every member in one big room
 * (500, 10 senders, 2,000 msg/s: the 1 M deliveries/s case), W4 spreads them over many
 * small rooms (100 rooms of 10, a sender each, 10,000 msg/s: the per-delivery cost when fan-out
 * is small).
 */
final class RoomTraffic implements Workload {

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        return TrafficRun.run(run, new RoomLayout(run.settings, 0, 0), TrafficRun.Sideline.NONE);
    }
}
