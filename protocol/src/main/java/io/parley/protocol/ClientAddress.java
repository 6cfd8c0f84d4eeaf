package io.parley.protocol;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * Where a connection's client really is, when that is not the socket's peer: a connection
 * through a trusted reverse proxy (the web listener's {@code X-Forwarded-For}) learns its
 * client's address from the first request, after the connection opened.
 *
 * <p>The contract with the server's per-address guard: a protocol whose initializer calls
 * {@link #expect} (before the connection is active) is not counted under the peer's address when
 * it opens; it is counted once the protocol calls {@link #known} with the client's address, or
 * under the peer's if it signs on ({@link SignedOn}) before that. Logs and per-address limits
 * read {@link #of}.
 *
 * <p>Thread-safety: the attributes are per channel; call these on the channel's event loop.
 */
public final class ClientAddress {

    /** The client's address once known, when it differs from the peer's. */
    public static final AttributeKey<InetSocketAddress> FORWARDED = AttributeKey.valueOf(ClientAddress.class, "forwarded");
    /** Present while the connection waits for {@link #known}. */
    public static final AttributeKey<Boolean> EXPECTED = AttributeKey.valueOf(ClientAddress.class, "expected");

    private final InetSocketAddress address;

    private ClientAddress(InetSocketAddress address) {
        this.address = address;
    }

    /** As the user event {@link #known} fires from the head of the pipeline: the client's address. */
    public InetSocketAddress address() {
        return address;
    }

    /** Says this connection's address will come from the protocol: call from its initializer. */
    public static void expect(Channel channel) {
        channel.attr(EXPECTED).set(Boolean.TRUE);
    }

    /** Whether {@link #expect} was called and {@link #known} not yet. */
    public static boolean expected(Channel channel) {
        // hasAttr first: attr() adds the attribute to the channel when it is absent, and every
        // connection that never had it would keep an empty one for as long as it is open.
        return channel.hasAttr(EXPECTED) && Boolean.TRUE.equals(channel.attr(EXPECTED).get());
    }

    /**
     * Records the client's address and tells the guard, which counts it (and may refuse the
     * connection with its {@link ServerNotice}, from the channel's end of the pipeline).
     */
    public static void known(Channel channel, InetSocketAddress client) {
        channel.attr(FORWARDED).set(client);
        channel.attr(EXPECTED).set(null);
        channel.pipeline().fireUserEventTriggered(new ClientAddress(client));
    }

    /**
     * The client's address: the forwarded one when a trusted proxy gave it, else the peer's; null
     * for a channel without an IP address (an in-memory one, which {@link Addresses#origin} counts
     * as {@code local}).
     */
    public static InetSocketAddress of(Channel channel) {
        InetSocketAddress forwarded = channel.hasAttr(FORWARDED) ? channel.attr(FORWARDED).get() : null;
        if (forwarded != null) {
            return forwarded;
        }
        return channel.remoteAddress() instanceof InetSocketAddress peer ? peer : null;
    }
}
