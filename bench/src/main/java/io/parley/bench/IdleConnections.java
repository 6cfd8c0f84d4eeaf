package io.parley.bench;

/**
 * W1, idle connections: opens every connection, registered and joined (spread over the rooms,
 * so that join traffic stays small), waits until the join traffic has all arrived, then holds
 * them idle for the
 * duration. Reports the server's resident memory per connection (VmRSS after minus before) and
 * its CPU while idle. The server's memory includes its JVM heap, which grows by whole regions,
 * so measure with thousands of connections.
 */
final class IdleConnections implements Workload {

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        RoomLayout layout = ConnectionRun.layout(run);
        Long rssBefore = run.server == null ? null : run.server.rssKib();
        long start = System.nanoTime();
        run.joinAll(layout.members);
        double seconds = (System.nanoTime() - start) / 1e9;
        run.settle();
        CpuSampler.Sample serverBefore = run.serverSample();
        CpuSampler.Sample clientBefore = run.client.sample();
        run.waitUntil(System.nanoTime() + run.settings.duration().toNanos(), "idle", () -> 0);
        CpuSampler.Sample clientAfter = run.client.sample();
        BenchResult.Server server = BenchResult.Server.NOT_MEASURED;
        if (run.server != null) {
            CpuSampler.Sample serverAfter = run.server.sample();
            long rssAfter = run.server.rssKib();
            server = new BenchResult.Server(run.server.pid(), serverAfter.cpuSince(serverBefore) / 1e9,
                    serverAfter.percentSince(serverBefore), null, null, rssBefore, rssAfter,
                    (rssAfter - rssBefore) * 1024.0 / layout.members.size());
        }
        return ConnectionRun.result(run, layout, layout.members.size() / seconds, server,
                clientAfter.percentSince(clientBefore));
    }
}
