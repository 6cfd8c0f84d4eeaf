package io.parley.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin listener's HTTP requests from a table of paths: {@code GET} only (405
 * otherwise), or {@code POST} only for a path the table names {@code "POST /path"}; 404 for a
 * path not in the table, or a request target that does not start with {@code /}. An endpoint is
 * looked up by the request's method and its path together, never by the path alone: a decoded
 * path that spells {@code "POST /reload"} is no way to reach that action with a GET. Requests a
 * client pipelines are answered one at a time, in their order (RFC 9112, section 9.3.2): the
 * next one is started only once the answer before it is written to the socket, so a client that
 * sends many and reads none costs at most one answer of memory and one endpoint call, never one
 * per request. An answer may take time
 * (the readiness probe waits for a store commit): the event loop never waits for it.
 *
 * <p>Reads pause while any request waits and resume once all are answered and the connection is
 * writable. One read can still decode many requests; past {@link #MAX_WAITING} waiting, the
 * client gets a {@code 429} in its turn and the connection closes. A connection idle past its
 * {@link io.netty.handler.timeout.IdleStateHandler} timeout is closed.
 *
 * <p>One per connection; event-loop only. The endpoints it calls must not block.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /**
     * How the endpoint table names a path that answers {@code POST} (an action, such as
     * {@code POST /reload}) rather than {@code GET}: {@code "POST /reload"}.
     */
    static final String POST = "POST ";

    /** Pipelined requests that may wait for their turn; a well-behaved client sends one at a time. */
    static final int MAX_WAITING = 16;

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    /** A request waiting for its turn: what answering it needs, no buffer kept. */
    private record Waiting(String path, HttpMethod method, boolean keepAlive, boolean decoded, boolean tooMany) {}

    /** An endpoint's address: what the table's key says, split into method and path. */
    private record Route(HttpMethod method, String path) {}

    private final Map<Route, Supplier<CompletionStage<AdminResponse>>> endpoints = new HashMap<>();
    /** The table's keys, in the 404's hint. */
    private final String known;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    /** Whether a request is being answered: its answer is not yet written. */
    private boolean answering;
    /** Set once the client went past {@link #MAX_WAITING}: later requests are dropped. */
    private boolean refusing;

    /** {@code endpoints}: what each path answers to a GET, e.g. {@code "/livez"}, or to a POST ({@code "POST /reload"}). */
    AdminHandler(Map<String, Supplier<CompletionStage<AdminResponse>>> endpoints) {
        endpoints.forEach((key, endpoint) -> this.endpoints.put(key.startsWith(POST)
                ? new Route(HttpMethod.POST, key.substring(POST.length())) : new Route(HttpMethod.GET, key), endpoint));
        this.known = String.join(", ", endpoints.keySet());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (refusing) {
            return;
        }
        ctx.channel().config().setAutoRead(false);
        if (waiting.size() >= MAX_WAITING) {
            refusing = true;
            waiting.add(new Waiting(null, null, false, true, true));
        } else {
            // Origin-form only ("/path?query"): anything else names no endpoint.
            String path = request.uri().startsWith("/") ? new QueryStringDecoder(request.uri()).path() : null;
            waiting.add(new Waiting(path, request.method(),
                    HttpUtil.isKeepAlive(request), request.decoderResult().isSuccess(), false));
        }
        answerNext(ctx);
    }

    /** Starts answering the next waiting request unless one is being answered; else may resume reads. */
    private void answerNext(ChannelHandlerContext ctx) {
        if (answering) {
            return;
        }
        Waiting next = waiting.poll();
        if (next == null) {
            resumeReadsIfIdle(ctx);
            return;
        }
        answering = true;
        boolean keepAlive = next.keepAlive() && next.decoded();
        answerTo(next).exceptionally(failure -> {
            // The path is one of the table's: no client text reaches the log.
            log.warn("Admin request {} failed: {}", next.path(), failure.toString());
            return AdminResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }).thenAccept(ready -> {
            try {
                ctx.executor().execute(() -> write(ctx, ready, keepAlive));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping; it closes the connection.
            }
        });
    }

    /** The answer to {@code request}: only a known path's GET calls its endpoint, now, in its turn. */
    private CompletionStage<AdminResponse> answerTo(Waiting request) {
        if (request.tooMany()) {
            return done(AdminResponse.text(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many pipelined requests; send at most " + MAX_WAITING + " before reading the answers"));
        }
        if (!request.decoded()) {
            return done(AdminResponse.text(HttpResponseStatus.BAD_REQUEST, "bad request"));
        }
        boolean get = request.path() != null && endpoints.containsKey(new Route(HttpMethod.GET, request.path()));
        boolean post = request.path() != null && endpoints.containsKey(new Route(HttpMethod.POST, request.path()));
        if (!get && !post) {
            return done(AdminResponse.text(HttpResponseStatus.NOT_FOUND, "not found; try " + known));
        }
        HttpMethod allowed = get ? HttpMethod.GET : HttpMethod.POST;
        if (!request.method().equals(allowed)) {
            return done(new AdminResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, AdminResponse.TEXT,
                    "only " + allowed + "\n", allowed.name()));
        }
        Supplier<CompletionStage<AdminResponse>> endpoint = endpoints.get(new Route(allowed, request.path()));
        try {
            return endpoint.get();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static CompletionStage<AdminResponse> done(AdminResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /** Writes {@code response}; once the socket has taken it, closes or answers the next request. */
    private void write(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
        ChannelFuture sent = respond(ctx, response, keepAlive);
        sent.addListener(written -> {
            answering = false;
            if (!keepAlive || !written.isSuccess()) {
                waiting.clear();
                ctx.close();
            } else {
                answerNext(ctx);
            }
        });
    }

    private void resumeReadsIfIdle(ChannelHandlerContext ctx) {
        if (!answering && waiting.isEmpty() && !refusing && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeReadsIfIdle(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private static ChannelFuture respond(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), response.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                response.status(), body);
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (response.allow() != null) {
            http.headers().set(HttpHeaderNames.ALLOW, response.allow());
        }
        // The status is never cached: a probe must see the server as it is now.
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setKeepAlive(http, keepAlive);
        return ctx.writeAndFlush(http);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("Closing idle admin connection {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing admin connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
