package io.parley.bench;

/**
 * W4, many small rooms: members spread over many rooms (by default 100 rooms of 10), one sender
 * per room, 10,000 msg/s in total: the per-delivery cost when fan-out is small.
 */
final class SmallRooms implements Workload {

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        return TrafficRun.run(run, new RoomLayout(run.settings, 0, 0), TrafficRun.Sideline.NONE);
    }
}
