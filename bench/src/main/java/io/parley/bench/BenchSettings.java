package io.parley.bench;

import java.net.InetAddress;
import java.time.Duration;

/**
 * One run's settings, every default resolved ({@link BenchCommand} builds it). Immutable.
 *
 * @param port the server's port for the protocol (for the line protocol, room {@code k} is on
 *     {@code port + k})
 * @param rate messages per second from all senders together
 * @param size payload bytes per message
 * @param inFlight how many connections may be connecting and joining at once
 * @param threads client event loops (one per core the bench may use)
 * @param drain how long, at most, to wait after the last send for deliveries still owed
 * @param serverPid the server's process id, or null: then no server CPU or memory is read
 * @param tls TLS for every connection ({@code --tls}), or null for plaintext
 * @param nodePorts the ports of the nodes of a cluster ({@code --ports}), members spread over
 *     them ({@link #nodeOf}); just {@code port} for one server
 * @param serverPids every server process whose CPU is counted ({@code --server-pid A,B,...}):
 *     {@code serverPid} and the other nodes'; empty when none was given
 * @param latencyFrom what a message's latency counts from ({@code --latency-from})
 */
record BenchSettings(Protocol protocol, WorkloadKind workload, InetAddress host, int port, int connections,
        int rooms, int senders, double rate, Duration duration, Duration warmup, int size, int inFlight,
        int threads, Duration drain, Long serverPid, BenchTls tls, java.util.List<Integer> nodePorts,
        java.util.List<Long> serverPids, LatencyFrom latencyFrom) {

    /** Latency from the write ({@link LatencyFrom#WRITE}), the default. */
    BenchSettings(Protocol protocol, WorkloadKind workload, InetAddress host, int port, int connections,
            int rooms, int senders, double rate, Duration duration, Duration warmup, int size, int inFlight,
            int threads, Duration drain, Long serverPid, BenchTls tls, java.util.List<Integer> nodePorts,
            java.util.List<Long> serverPids) {
        this(protocol, workload, host, port, connections, rooms, senders, rate, duration, warmup, size, inFlight,
                threads, drain, serverPid, tls, nodePorts, serverPids, LatencyFrom.WRITE);
    }

    /** One server: every member on {@code port}, the CPU of {@code serverPid} (if given). */
    BenchSettings(Protocol protocol, WorkloadKind workload, InetAddress host, int port, int connections,
            int rooms, int senders, double rate, Duration duration, Duration warmup, int size, int inFlight,
            int threads, Duration drain, Long serverPid, BenchTls tls) {
        this(protocol, workload, host, port, connections, rooms, senders, rate, duration, warmup, size, inFlight,
                threads, drain, serverPid, tls, java.util.List.of(port),
                serverPid == null ? java.util.List.of() : java.util.List.of(serverPid));
    }

    /**
     * The node member {@code index} (in room {@code index % rooms}) connects to: a room's members
     * alternate over the nodes, and its first member (a sender, when there are as many senders
     * as rooms or fewer) is on node {@code room % nodes}, so senders are spread too.
     */
    int nodeOf(int index) {
        return (index / rooms + index % rooms) % nodePorts.size();
    }

    /** Nanoseconds between two messages of one sender. */
    long intervalNanos() {
        return Math.round(1e9 * senders / rate);
    }

    BenchResult.Settings describe() {
        return new BenchResult.Settings(connections, rooms, senders, rate, duration.toMillis() / 1000.0,
                warmup.toMillis() / 1000.0, size, inFlight);
    }
}
