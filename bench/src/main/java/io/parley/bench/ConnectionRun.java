package io.parley.bench;

/**
 * The part W1 and W2 share: their members (listeners only, spread over the rooms) and the
 * result of a run whose latency is connect-to-joined rather than delivery.
 */
final class ConnectionRun {

    private ConnectionRun() {}

    static RoomLayout layout(BenchRun run) {
        return new RoomLayout(run.settings, 0, 0);
    }

    static BenchResult result(BenchRun run, RoomLayout layout, double connectionsPerSecond,
            BenchResult.Server server, Double clientCpuPercent) {
        Recorder total = run.recorders.total();
        Recorder.Tally tally = total.tally();
        run.checkCounts(tally);
        long disconnected = layout.members.stream().filter(member -> member.closed.isDone()).count();
        if (disconnected > 0) {
            run.fail(disconnected + " connections were closed by the server");
        }
        BenchResult.Counts counts = new BenchResult.Counts(0, 0, 0, tally.lost, tally.missing, tally.duplicated, tally.unexpected,
                tally.windowDelivered, tally.others, tally.refused, total.joins.getTotalCount(), 0, 0, disconnected);
        return run.result(counts, BenchRun.latency("join", total.joins),
                new BenchResult.Rates(0, 0, connectionsPerSecond), server, clientCpuPercent);
    }
}
