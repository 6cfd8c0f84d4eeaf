package io.parley.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * {@code parley bench --tls}: every connection speaks TLS 1.3 or 1.2 to the server's
 * {@code --<protocol>-tls} port, checking its certificate against the system's trust store or
 * {@code --tls-ca FILE}, and that it names {@code --host}. A failed handshake fails the member's
 * join with one line saying why.
 *
 * <p>Immutable and thread-safe; its context makes one engine per connection.
 */
final class BenchTls {

    private final SslContext context;
    private final String host;
    private final Path caFile;

    private BenchTls(SslContext context, String host, Path caFile) {
        this.context = context;
        this.host = host;
        this.caFile = caFile;
    }

    /**
     * TLS to {@code host}, trusting {@code caFile}'s certificates (PEM), or the system's when null;
     * fails in one line naming the file when it cannot be used.
     */
    static BenchTls to(String host, Path caFile) throws IOException {
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new IOException("cannot read the CA file " + caFile + " (--tls-ca)");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            if (caFile != null) {
                builder.trustManager(caFile.toFile());
            }
            return new BenchTls(builder.build(), host, caFile);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use the CA file " + caFile + " (--tls-ca): " + e.getMessage());
        }
    }

    /** A new connection's SslHandler, for the pipeline's front. */
    SslHandler newHandler(ByteBufAllocator alloc, int port) {
        return context.newHandler(alloc, host, port);
    }

    /**
     * Goes after the SslHandler: a failed handshake is told to {@code refused} in one line and the
     * connection closed, instead of reaching the protocol as an exception.
     */
    ChannelHandler handshakeFailures(int port, Consumer<String> refused) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
                    refused.accept(describe(completion.cause(), port));
                    ctx.close();
                }
                super.userEventTriggered(ctx, event);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
                Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
                if (tls instanceof SSLException) {
                    ctx.close(); // told by the handshake's completion event
                    return;
                }
                super.exceptionCaught(ctx, cause);
            }
        };
    }

    /** Why a handshake failed, for a person: untrusted, another host's, expired, or no TLS at all. */
    String describe(Throwable failure, int port) {
        String trustedBy = caFile == null ? "the system's trust store" : "the CA file " + caFile;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CertificateExpiredException) {
                return "the server's TLS certificate has expired (" + message + ")";
            }
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                return "the server's TLS certificate is not for " + host + " (" + message + "); give --host a name"
                        + " the certificate has";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || message.contains("unable to find valid certification path")) {
                return "the server's TLS certificate is not trusted: nothing in " + trustedBy + " vouches for it;"
                        + " give the CA (or the server's self-signed cert.pem) with --tls-ca FILE";
            }
            if (message.contains("not an SSL/TLS record") || message.contains("Unsupported or unrecognized SSL message")) {
                return "the server at " + host + ":" + port + " did not answer TLS; is it a plaintext port? (drop --tls)";
            }
        }
        return "the TLS handshake with " + host + ":" + port + " failed: " + failure.getMessage();
    }
}
