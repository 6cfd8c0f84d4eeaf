package io.parley.bench;

/**
 * W2, connection storm: connect, register and join as fast as the server allows, with
 * {@code --in-flight} connections (default 1,000) between connect and joined at any moment; the
 * connections stay open. Reports connections per second (the last joined over the time from the
 * first connect), the connect-to-joined latency, and the server's CPU per connection.
 */
final class ConnectionStorm implements Workload {

    @Override
    public BenchResult run(BenchRun run) throws InterruptedException {
        RoomLayout layout = ConnectionRun.layout(run);
        CpuSampler.Sample serverBefore = run.serverSample();
        CpuSampler.Sample clientBefore = run.client.sample();
        run.joinAll(layout.members);
        CpuSampler.Sample clientAfter = run.client.sample();
        double seconds = (clientAfter.wallNanos() - clientBefore.wallNanos()) / 1e9;
        int connections = layout.members.size();
        BenchResult.Server server = BenchResult.Server.NOT_MEASURED;
        if (serverBefore != null) {
            CpuSampler.Sample serverAfter = run.server.sample();
            double cpuNanos = serverAfter.cpuSince(serverBefore);
            server = new BenchResult.Server(run.server.pid(), cpuNanos / 1e9, serverAfter.percentSince(serverBefore),
                    null, cpuNanos / 1000 / connections, null, null, null);
        }
        run.showProgress("joined", 0);
        return ConnectionRun.result(run, layout, connections / seconds, server, clientAfter.percentSince(clientBefore));
    }
}
