package io.parley.protocol.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.parley.protocol.Addresses;
import io.parley.protocol.ClientAddress;
import io.parley.protocol.Goodbye;
import io.parley.protocol.LineFraming;
import io.parley.protocol.PendingOutput;
import io.parley.protocol.ServerNotice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web connection while it speaks HTTP: serves the web client's files ({@link StaticFiles}) with
 * the security headers every response carries, and upgrades {@code /socket} to a WebSocket (IRCv3
 * WebSocket: the {@code text.ircv3.net} and {@code binary.ircv3.net} subprotocols in the client's
 * order of preference, none meaning text) for a page from an allowed origin; another page gets
 * 403 before any upgrade. On upgrade it puts the carried protocol's pipeline in its place, with
 * {@link WebSocketLines} where that protocol's {@link LineFraming} was.
 *
 * <p>The server's own notices while the connection is still HTTP (too many connections from the
 * client's address) are a 503 and a close. One per connection; event-loop only.
 */
final class WebRequestHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(WebRequestHandler.class);

    static final String SOCKET_PATH = "/socket";
    static final String TEXT = "text.ircv3.net";
    static final String BINARY = "binary.ircv3.net";
    /** Parley's pages load nothing from elsewhere and run no inline script. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private final WebSettings settings;
    private final StaticFiles files;
    private final ChannelHandler socket;
    private final AccountEndpoint accounts;
    /** Set once the server has refused the connection: nothing more is answered. */
    private boolean refused;

    WebRequestHandler(WebSettings settings, StaticFiles files, ChannelHandler socket, AccountEndpoint accounts) {
        this.settings = settings;
        this.files = files;
        this.socket = socket;
        this.accounts = accounts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (refused) {
            return;
        }
        if (ClientAddress.expected(ctx.channel())) {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            ClientAddress.known(ctx.channel(),
                    settings.trustedProxies().client(peer, request.headers().getAll("X-Forwarded-For")));
            if (refused) {
                return; // the guard found the client over its caps and answered
            }
        }
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, status(HttpResponseStatus.BAD_REQUEST), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(SOCKET_PATH)) {
            upgrade(ctx, request);
        } else if (path.equals(AccountEndpoint.PATH)) {
            accounts.handle(ctx, request);
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse response = status(HttpResponseStatus.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            respond(ctx, request, response, true);
        } else {
            serve(ctx, request, path);
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Optional<StaticFiles.File> found = files.find(path);
        if (found.isEmpty()) {
            respond(ctx, request, status(HttpResponseStatus.NOT_FOUND), true);
            return;
        }
        StaticFiles.File file = found.get();
        boolean unchanged = file.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        boolean body = !unchanged && request.method().equals(HttpMethod.GET);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                body ? Unpooled.wrappedBuffer(file.bytes()) : Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ETAG, file.etag());
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache"); // revalidate: a new jar may change any file
        if (!unchanged) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
        }
        respond(ctx, request, response, true, unchanged ? 0 : file.bytes().length);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!settings.allowedOrigins().allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            log.debug("Refusing a WebSocket from {}: origin {} is not allowed",
                    Addresses.withPort(ClientAddress.of(ctx.channel())), escaped(origin));
            respond(ctx, request, status(HttpResponseStatus.FORBIDDEN), false);
            return;
        }
        if (!request.method().equals(HttpMethod.GET)
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            respond(ctx, request, status(HttpResponseStatus.BAD_REQUEST), false);
            return;
        }
        WebSocketLines lines = carryProtocol(ctx);
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(lines.maxLineBytes() + 2) // a trailing CR LF a client may add
                .allowExtensions(false)
                .build();
        // Netty picks the first of the client's subprotocols that it supports: the client's order.
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + SOCKET_PATH,
                TEXT + "," + BINARY, decoder).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                // The carried protocol's handlers came after the connection opened: for them it opens now.
                ChannelHandlerContext framing = done.channel().pipeline().context(WebSocketLines.NAME);
                if (framing != null) {
                    framing.fireChannelActive();
                }
            } else {
                log.debug("WebSocket handshake with {} failed: {}",
                        Addresses.withPort(ClientAddress.of(done.channel())), done.cause().toString());
                done.channel().close();
            }
        });
        lines.binary(BINARY.equals(handshaker.selectedSubprotocol()));
    }

    /**
     * Puts the WebSocket's handlers and the carried protocol's after this one, then leaves: the
     * protocol's framing is replaced by {@link WebSocketLines}, the rest is its own.
     */
    private WebSocketLines carryProtocol(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast(socket);
        LineFraming framing = pipeline.get(LineFraming.class);
        if (framing == null) {
            throw new IllegalStateException("the carried protocol has no LineFraming to replace");
        }
        int max = framing.maxLineBytes();
        WebSocketLines lines = new WebSocketLines(framing);
        pipeline.replace(framing, WebSocketLines.NAME, lines);
        // Its bytes would pass under the framing: members here write their events as frames.
        PendingOutput pending = pipeline.get(PendingOutput.class);
        if (pending != null) {
            pipeline.remove(pending);
        }
        pipeline.addAfter(ctx.name(), WebSocketControl.NAME, new WebSocketControl(settings.pingIntervalSeconds()));
        pipeline.addAfter(ctx.name(), "web-socket-messages", new WebSocketFrameAggregator(max + 2));
        // Text frames must be UTF-8 (RFC 6455): one that is not closes the socket with 1007.
        pipeline.addAfter(ctx.name(), "web-socket-utf8", new Utf8FrameValidator(true));
        pipeline.remove(this);
        return lines;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ServerNotice notice) {
            refused = true;
            FullHttpResponse response = status(HttpResponseStatus.SERVICE_UNAVAILABLE);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "30");
            if (notice == ServerNotice.REGISTRATION_TIMEOUT) {
                // A page's idle keep-alive connection: nothing to say, just close.
                promise.trySuccess();
                response.release();
                return;
            }
            ctx.write(response, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Goodbye goodbye) {
            goodbye.unheard(); // no protocol spoken yet: nobody to tell
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.debug("Closing {}: request too large", Addresses.withPort(ClientAddress.of(ctx.channel())));
        } else {
            log.debug("Closing {}: {}", Addresses.withPort(ClientAddress.of(ctx.channel())), cause.toString());
        }
        ctx.close();
    }

    private static FullHttpResponse status(HttpResponseStatus status) {
        ByteBuf body = Unpooled.copiedBuffer(status.toString() + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
            boolean keepAlive) {
        respond(ctx, request, response, keepAlive, response.content().readableBytes());
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
            boolean keepAlive, int length) {
        HttpHeaders headers = response.headers();
        securityHeaders(headers);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        boolean open = keepAlive && HttpUtil.isKeepAlive(request);
        if (!open) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!open) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The headers every response of the listener carries. */
    static void securityHeaders(HttpHeaders headers) {
        headers.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
    }

    /** A client's header as a log may show it: printable ASCII only, at most 200 characters. */
    private static String escaped(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
