package io.parley.protocol;

import io.netty.channel.Channel;

/**
 * The user event a protocol handler fires once its client has signed on (named itself, logged
 * in, or sent its first valid request, as the protocol defines it); it cancels the connection's
 * sign-on deadline ({@code connection.registration-timeout-seconds}). Not to be confused with a
 * registered name, which is one an account owns.
 */
public final class SignedOn {

    public static final SignedOn EVENT = new SignedOn();

    private SignedOn() {}

    /** Fires the event from the head of the pipeline, where the deadline handler sits. */
    public static void fire(Channel channel) {
        channel.pipeline().fireUserEventTriggered(EVENT);
    }
}
