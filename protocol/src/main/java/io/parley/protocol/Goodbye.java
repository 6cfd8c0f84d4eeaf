package io.parley.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The server's last words to a connection as it stops ({@link ServerNotice#SHUTTING_DOWN}, which
 * the protocol's {@link NoticeEncoder} renders in its own form), sent as a user event so that the
 * connection's {@link OrderedRequestHandler} writes it in its turn: after the reply to the request in progress, in place of the replies to those still
 * waiting. A client that pairs replies with requests in order thus reads the notice as the answer
 * to a request it sent, never in place of the answer to one already being handled.
 *
 * <p>Thread-safety: {@link #say} may be called from any thread; the rest runs on the event loop.
 */
public final class Goodbye {

    private final ChannelPromise written;

    private Goodbye(ChannelPromise written) {
        this.written = written;
    }

    /**
     * Asks the connection to say the server is stopping after what it owes the requests already
     * in progress, and to read nothing more. The future completes once the notice is written (or
     * failed, e.g. the connection closed first).
     */
    public static ChannelFuture say(Channel channel) {
        ChannelPromise written = channel.newPromise();
        channel.pipeline().fireUserEventTriggered(new Goodbye(written));
        return written;
    }

    /**
     * Writes the notice from {@code ctx} (the request handler's: the protocol's encoders are
     * before it) and completes the future. Event loop only.
     */
    void write(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            written.trySuccess(); // nobody left to tell
            return;
        }
        ctx.writeAndFlush(ServerNotice.SHUTTING_DOWN, written);
    }

    /**
     * Completes the future without a notice: for a connection that has no protocol to say it in
     * yet (an HTTP request not upgraded to a WebSocket), which the caller closes. Event loop only.
     */
    public void unheard() {
        written.trySuccess();
    }
}
