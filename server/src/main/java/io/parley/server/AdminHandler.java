package io.parley.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin listener's HTTP requests from a table of paths: {@code GET} only (405
 * otherwise), 404 for a path not in the table. An answer may take time (the readiness probe
 * waits for a store commit): the event loop never waits for it, reads pause until it is written,
 * and answers are written in the order of the requests even when a client pipelines them
 * (RFC 9112, section 9.3.2).
 *
 * <p>One per connection; event-loop only. The endpoints it calls must not block.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final Map<String, Supplier<CompletionStage<AdminResponse>>> endpoints;
    /** Completes once every answer so far is written; the next is written after it. */
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    /** {@code endpoints}: what each path answers to a GET, e.g. {@code "/livez"}. */
    AdminHandler(Map<String, Supplier<CompletionStage<AdminResponse>>> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        if (!request.decoderResult().isSuccess()) {
            answer(ctx, uri, AdminResponse.text(HttpResponseStatus.BAD_REQUEST, "bad request"), false);
            return;
        }
        Supplier<CompletionStage<AdminResponse>> endpoint = endpoints.get(new QueryStringDecoder(uri).path());
        if (endpoint == null) {
            answer(ctx, uri, AdminResponse.text(HttpResponseStatus.NOT_FOUND, "not found; try "
                    + String.join(", ", endpoints.keySet())), keepAlive);
        } else if (!request.method().equals(HttpMethod.GET)) {
            answer(ctx, uri, AdminResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET"), keepAlive);
        } else {
            answer(ctx, uri, endpoint.get(), keepAlive);
        }
    }

    private void answer(ChannelHandlerContext ctx, String uri, AdminResponse response, boolean keepAlive) {
        answer(ctx, uri, CompletableFuture.completedFuture(response), keepAlive);
    }

    /** Writes {@code response} once it is ready and every earlier answer is written; reads wait meanwhile. */
    private void answer(ChannelHandlerContext ctx, String uri, CompletionStage<AdminResponse> response,
            boolean keepAlive) {
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<Void> next = written.thenCombine(response, (before, ready) -> ready)
                .exceptionally(failure -> {
                    log.warn("Admin request {} failed: {}", uri, failure.toString());
                    return AdminResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
                })
                .thenAcceptAsync(ready -> respond(ctx, ready, keepAlive), ctx.executor());
        written = next;
        // On the event loop, which completes it: reads resume once the last answer is written.
        next.whenComplete((done, failure) -> {
            if (written == next) {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    private static void respond(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), response.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                response.status(), body);
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (response.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            http.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        }
        // The status is never cached: a probe must see the server as it is now.
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setKeepAlive(http, keepAlive);
        ChannelFuture sent = ctx.writeAndFlush(http);
        if (!keepAlive) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing admin connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
