package io.parley.protocol;

import io.netty.channel.Channel;

/**
 * The user event a protocol handler fires once its client has registered (named itself,
 * logged in, or sent its first valid request, as the protocol defines it); it cancels the
 * connection's registration deadline.
 */
public final class Registered {

    public static final Registered EVENT = new Registered();

    private Registered() {}

    /** Fires the event from the head of the pipeline, where the deadline handler sits. */
    public static void fire(Channel channel) {
        channel.pipeline().fireUserEventTriggered(EVENT);
    }
}
