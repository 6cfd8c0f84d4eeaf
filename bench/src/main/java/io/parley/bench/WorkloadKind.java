package io.parley.bench;

import java.util.function.Supplier;

/**
 * The workloads, as {@code --workload} names them, each with the shape it runs when no option
 * says otherwise (the shapes the targets and peer figures were measured with).
 */
public enum WorkloadKind {
    W1("idle connections", IdleConnections::new,
            10_000, 100, 0, 0, 5),
    W2("connection storm", ConnectionStorm::new,
            10_000, 100, 0, 0, 0),
    W3("one big room", RoomTraffic::new,
            500, 1, 10, 2_000, 10),
    W4("many small rooms", RoomTraffic::new,
            1_000, 100, 100, 10_000, 10),
    W5("join/leave churn", JoinLeaveChurn::new,
            100, 1, 10, 1_000, 10),
    W6("slow consumers", SlowConsumers::new,
            500, 1, 10, 2_000, 10);

    final String description;
    private final Supplier<Workload> factory;
    final int connections;
    final int rooms;
    final int senders;
    final double rate;
    final int durationSeconds;

    WorkloadKind(String description, Supplier<Workload> factory, int connections, int rooms, int senders,
            double rate, int durationSeconds) {
        this.description = description;
        this.factory = factory;
        this.connections = connections;
        this.rooms = rooms;
        this.senders = senders;
        this.rate = rate;
        this.durationSeconds = durationSeconds;
    }

    Workload create() {
        return factory.get();
    }

    /** Whether it sends messages (W3..W6) or only opens connections (W1, W2). */
    boolean sends() {
        return senders > 0;
    }
}
