package io.parley.bench;

/**
 * Which moment a message's latency counts from ({@code --latency-from}): what the payload's time
 * stamp says.
 */
enum LatencyFrom {

    /**
     * The moment the bench hands the message to its connection, as a C load generator
     * ({@code chatload}) stamps it: the delivery latency is the server's (and the network's),
     * without the bench's own lateness in sending, which is reported apart as the send lag. A
     * message the server does not read yet still counts from its write, so back-pressure shows.
     */
    WRITE("write", "delivery, from the write"),
    /**
     * The moment the open-loop schedule meant to send it: the bench's own send lag counts as
     * latency too (no coordinated omission even when the bench itself falls behind).
     */
    INTENDED("intended", "delivery, from the intended send time");

    final String id;
    /** How the result names the latency measured this way. */
    final String label;

    LatencyFrom(String id, String label) {
        this.id = id;
        this.label = label;
    }

    static java.util.Optional<LatencyFrom> byId(String id) {
        return java.util.Arrays.stream(values()).filter(value -> value.id.equals(id)).findFirst();
    }
}
