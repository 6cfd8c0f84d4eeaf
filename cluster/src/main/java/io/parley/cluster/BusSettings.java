package io.parley.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node reaches the cluster's bus.
 *
 * @param url the NATS server, {@code nats://HOST:PORT}
 * @param node this node's name (unique in the cluster; NATS shows it as the connection's name)
 * @param subjectPrefix the subjects' first token: nodes with the same prefix are one cluster
 *     ({@code parley} in production; tests take one each, so they never see each other)
 * @param gapWait how long an event waits for a missing earlier message before it is read from the store
 * @param connectTimeout how long start-up waits for the server
 *
 * <p>Immutable and thread-safe.
 */
public record BusSettings(String url, String node, String subjectPrefix, Duration gapWait, Duration connectTimeout) {

    public static final String DEFAULT_PREFIX = "parley";
    public static final Duration DEFAULT_GAP_WAIT = Duration.ofMillis(200);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public BusSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(gapWait, "gapWait");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The production settings for {@code url} and {@code node}. */
    public static BusSettings of(String url, String node) {
        return new BusSettings(url, node, DEFAULT_PREFIX, DEFAULT_GAP_WAIT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** The URL as messages show it: without a user or password it may carry. */
    public String shownUrl() {
        return url.replaceFirst("^(nats://)[^@/]*@", "$1");
    }

    /**
     * Checks that {@code url} is a NATS URL ({@code nats://HOST:PORT}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        if (!"nats".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected nats://HOST:PORT");
        }
    }
}
