package io.parley.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sets up each admin connection: an idle timeout, the HTTP codec and an {@link AdminHandler}; or,
 * past {@link #MAX_CONNECTIONS} open at once, a {@code 503} and a close. The admin port is for a
 * handful of probes and one Prometheus, so neither a forgotten client nor a flood of connections
 * can hold the server's memory or file descriptors.
 *
 * <p>Shared by every admin connection: thread-safe (its count is atomic).
 */
final class AdminInitializer extends ChannelInitializer<Channel> {

    /** Admin connections open at once; the next one gets a 503. Probes and a scraper need a few. */
    static final int MAX_CONNECTIONS = 64;
    /** How long an admin connection may send nothing before it is closed. */
    static final long IDLE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    /** The longest admin request, head and body: its requests are short GETs. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private final ChannelGroup channels;
    private final Supplier<Map<String, Supplier<CompletionStage<AdminResponse>>>> endpoints;
    private final int maxConnections;
    private final long idleTimeoutMs;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * {@code endpoints}: read as each connection opens, since they are set up after binding;
     * {@code channels}: where each connection is added, to be closed on stop.
     */
    AdminInitializer(ChannelGroup channels, Supplier<Map<String, Supplier<CompletionStage<AdminResponse>>>> endpoints,
            int maxConnections, long idleTimeoutMs) {
        this.channels = channels;
        this.endpoints = endpoints;
        this.maxConnections = maxConnections;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    AdminInitializer(ChannelGroup channels, Supplier<Map<String, Supplier<CompletionStage<AdminResponse>>>> endpoints) {
        this(channels, endpoints, MAX_CONNECTIONS, IDLE_TIMEOUT_MS);
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        int count = open.incrementAndGet();
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        if (count > maxConnections) {
            channel.pipeline().addLast(new HttpResponseEncoder(), new Refusal());
            return;
        }
        channel.pipeline().addLast(new IdleStateHandler(idleTimeoutMs, 0, 0, TimeUnit.MILLISECONDS),
                new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                new AdminHandler(endpoints.get()));
    }

    /** Answers a connection past the cap at once, before it sends anything, and closes it. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            FullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ByteBufUtil.writeUtf8(ctx.alloc(), "too many admin connections\n"));
            refused.headers().set(HttpHeaderNames.CONTENT_TYPE, AdminResponse.TEXT);
            refused.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, refused.content().readableBytes());
            refused.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refused).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
