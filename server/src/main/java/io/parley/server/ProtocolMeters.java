package io.parley.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.protocol.ConnectionMetrics;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one protocol's connections (every listener of the protocol shares them), each
 * resolved once, when the server starts: counting is one increment, with no look-up and no
 * allocation. The four counted per message or per write are {@link PerThreadCount}s that the
 * registry reads when scraped ({@link FunctionCounter}): a Micrometer {@code Counter}'s increment
 * was 8 % of the server's CPU at a million deliveries a second (async-profiler, W3), a
 * {@code LongAdder}'s 12 %. The connections' handlers see it as their {@link ConnectionMetrics}; the server's
 * own handlers ({@link TrafficMeter}, {@link ConnectionGuard}, {@link UnwritableDeadline}) count
 * the rest.
 *
 * <p>Thread-safe.
 */
final class ProtocolMeters implements ConnectionMetrics {

    /** Why a connection was refused or cut before it signed on: the {@code reason} label. */
    static final String TOO_MANY_FROM_ADDRESS = "too_many_from_address";
    static final String REGISTRATION_TIMEOUT = "registration_timeout";

    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted;
    private final PerThreadCount bytesReceived = new PerThreadCount();
    private final PerThreadCount bytesSent = new PerThreadCount();
    private final PerThreadCount messagesReceived = new PerThreadCount();
    private final PerThreadCount messagesDelivered = new PerThreadCount();
    private final Counter slowReaders;
    private final Counter throttles;
    private final Counter floods;
    private final Counter refusedTooMany;
    private final Counter refusedBeforeSignOn;
    private final LoginMeters logins;
    private final MeterRegistry registry;
    private final String protocol;

    ProtocolMeters(MeterRegistry registry, String protocol, LoginMeters logins) {
        this.logins = logins;
        this.registry = registry;
        this.protocol = protocol;
        Gauge.builder("parley.connections.open", open, AtomicInteger::get).tag("protocol", protocol)
                .description("Connections open now").register(registry);
        accepted = counter(registry, "parley.connections.accepted", protocol, "Connections accepted, refused ones included");
        FunctionCounter.builder("parley.received", bytesReceived, PerThreadCount::sum).baseUnit("bytes")
                .tag("protocol", protocol).description("Bytes read from connections").register(registry);
        FunctionCounter.builder("parley.sent", bytesSent, PerThreadCount::sum).baseUnit("bytes").tag("protocol", protocol)
                .description("Bytes written to connections (counted when written, before the socket takes them;"
                        + " output dropped when a slow reader is cut off included)").register(registry);
        hot(registry, "parley.messages.received", messagesReceived, protocol,
                "Chat messages (room and private) received from clients, stored or not");
        hot(registry, "parley.messages.delivered", messagesDelivered, protocol,
                "Chat messages (room and private) written to members");
        slowReaders = counter(registry, "parley.slow.reader.disconnects", protocol,
                "Connections disconnected because their output stayed past the cap");
        throttles = counter(registry, "parley.flood.throttles", protocol,
                "Times a connection's reads were paused for going over its request rate");
        floods = counter(registry, "parley.flood.disconnects", protocol,
                "Connections disconnected because their requests piled up past the limit");
        refusedTooMany = refused(registry, protocol, TOO_MANY_FROM_ADDRESS);
        refusedBeforeSignOn = refused(registry, protocol, REGISTRATION_TIMEOUT);
    }

    private static Counter counter(MeterRegistry registry, String name, String protocol, String description) {
        return Counter.builder(name).tag("protocol", protocol).description(description).register(registry);
    }

    private static void hot(MeterRegistry registry, String name, PerThreadCount count, String protocol, String description) {
        FunctionCounter.builder(name, count, PerThreadCount::sum).tag("protocol", protocol).description(description)
                .register(registry);
    }

    private static Counter refused(MeterRegistry registry, String protocol, String reason) {
        return Counter.builder("parley.connections.refused").tag("protocol", protocol).tag("reason", reason)
                .description("Connections refused or closed by the server's limits before they registered")
                .register(registry);
    }

    /**
     * The counter of this protocol's failed TLS handshakes, registered by its first TLS listener
     * (at 0 from the start; a protocol without one has no such series). Starting thread only.
     */
    Counter tlsHandshakesFailed() {
        return counter(registry, "parley.tls.handshakes.failed", protocol,
                "TLS handshakes that failed: a plaintext client, an old TLS version, no shared cipher, a timeout");
    }

    void opened() {
        accepted.increment();
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    void received(int bytes) {
        bytesReceived.add(bytes);
    }

    void sent(int bytes) {
        bytesSent.add(bytes);
    }

    void refusedTooManyFromAddress() {
        refusedTooMany.increment();
    }

    void refusedBeforeSignOn() {
        refusedBeforeSignOn.increment();
    }

    @Override
    public void messageReceived() {
        messagesReceived.increment();
    }

    @Override
    public void messageDelivered() {
        messagesDelivered.increment();
    }

    @Override
    public void slowReaderDisconnected() {
        slowReaders.increment();
    }

    @Override
    public void throttled() {
        throttles.increment();
    }

    @Override
    public void floodDisconnected() {
        floods.increment();
    }

    @Override
    public void loginSucceeded() {
        logins.succeeded.increment();
    }

    @Override
    public void loginFailed() {
        logins.failed.increment();
    }

    @Override
    public void loginThrottled() {
        logins.throttled.increment();
    }

    /** The login counters, one per outcome: {@code parley_logins_total{result=...}}. Thread-safe. */
    record LoginMeters(Counter succeeded, Counter failed, Counter throttled) {
        static LoginMeters register(MeterRegistry registry) {
            return new LoginMeters(login(registry, "succeeded"), login(registry, "failed"), login(registry, "throttled"));
        }

        private static Counter login(MeterRegistry registry, String result) {
            return Counter.builder("parley.logins").tag("result", result)
                    .description("Account logins by outcome: succeeded (a right password or a new account),"
                            + " failed (a wrong password), throttled (refused unchecked)")
                    .register(registry);
        }
    }
}
