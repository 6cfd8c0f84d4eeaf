package io.parley.server;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after a TLS listener's SslHandler: a failed handshake (a plaintext client, an old TLS
 * version, no shared cipher, a handshake that timed out) is the client's problem, not the
 * server's, so it is logged at debug and the connection closed, instead of reaching the protocol
 * as an error. The SslHandler has already answered with an alert where TLS calls for one. Each
 * failure is counted ({@code parley_tls_handshakes_failed_total}); a connection closed before its
 * handshake (a load balancer's TCP check, {@code nc -z}), which the SslHandler also reports as a
 * failed handshake, is not: nothing about TLS went wrong.
 *
 * <p>Shared by every connection of a listener; its counter is thread-safe.
 */
@ChannelHandler.Sharable
final class TlsHandshakeFailures extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakeFailures.class);

    private final Counter failed;

    TlsHandshakeFailures(Counter failed) {
        this.failed = failed;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            // The cause's message is the engine's or hex of the bytes received: never client text.
            log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), completion.cause().toString());
            if (isTlsFailure(completion.cause())) {
                failed.increment();
            }
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    /**
     * Whether {@code cause} is TLS's own: the SSLException family, which takes in a plaintext
     * client ({@link io.netty.handler.ssl.NotSslRecordException}) and the handshake timeout
     * ({@link io.netty.handler.ssl.SslHandshakeTimeoutException}). A close before the handshake
     * ended is a {@link java.nio.channels.ClosedChannelException}.
     */
    private static boolean isTlsFailure(Throwable cause) {
        Throwable tlsCause = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return tlsCause instanceof SSLException;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTlsFailure(cause)) {
            ctx.close(); // logged once, by the handshake's completion event, when it is a handshake's
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
