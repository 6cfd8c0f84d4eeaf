package io.parley.protocol;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * How fast one connection may send requests, whatever its protocol: a token bucket of
 * {@code burst} requests refilled at {@code perSecond}. A connection over its rate is slowed by
 * pausing reads (TCP pushes back on the client); if requests it already sent still pile up past
 * {@code maxWaiting}, it is disconnected with its protocol's error.
 *
 * <p>The server sets a listener's limits on each channel ({@link #KEY}); a channel without them
 * gets {@link #DEFAULT}. Immutable.
 */
public record RequestLimits(int perSecond, int burst, int maxWaiting) {

    public static final AttributeKey<RequestLimits> KEY = AttributeKey.valueOf(RequestLimits.class, "limits");
    public static final int DEFAULT_PER_SECOND = 100;
    public static final int DEFAULT_BURST = 100;
    /** Far more than one read can decode unless a client floods with tiny requests. */
    public static final int DEFAULT_MAX_WAITING = 10_000;
    public static final RequestLimits DEFAULT = new RequestLimits(DEFAULT_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_WAITING);

    static RequestLimits of(Channel channel) {
        RequestLimits limits = channel.attr(KEY).get();
        return limits != null ? limits : DEFAULT;
    }
}
