package io.parley.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.parley.testing.WireClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (Netty's {@link WebSocketClientHandshaker}) for tests of the web
 * listener: connects from a chosen loopback address with chosen subprotocols and headers, and
 * records every frame it reads, and the HTTP status when the server refuses the upgrade. Answers
 * the server's pings unless told not to. Its methods are called from the test's thread; the
 * queue is filled by its event loop.
 */
final class WebSocketTestClient implements AutoCloseable {

    /** One frame as read: a message (text or binary), a ping, or a close with its status. */
    record Frame(String kind, String text, byte[] bytes, int status) {}

    private static final Frame CLOSED = new Frame("eof", null, null, -1);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> handshake = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean answerPings = true;
    private Channel channel;
    private WebSocketClientHandshaker handshaker;

    private WebSocketClientHandshaker handshaker() {
        return handshaker;
    }

    /**
     * Connects to {@code /socket} (or {@code path}) from {@code source} with {@code subprotocols}
     * (comma-separated, or null for none) and the extra {@code headers}; returns once the server
     * answered the upgrade, whatever it said ({@link #status}).
     */
    static WebSocketTestClient connect(String source, int port, String path, String subprotocols,
            Map<String, String> headers) throws Exception {
        WebSocketTestClient client = new WebSocketTestClient();
        HttpHeaders extra = new DefaultHttpHeaders();
        headers.forEach(extra::add);
        client.handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                URI.create("ws://127.0.0.1:" + port + path), WebSocketVersion.V13, subprotocols, false, extra, 1 << 20);
        Bootstrap bootstrap = new Bootstrap().group(client.group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), client.new Reader());
                    }
                });
        client.channel = bootstrap.connect(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress(InetAddress.getByName(source), 0)).sync().channel();
        // The handshake starts on the connection's event loop. Started from this thread, the
        // handshaker's listener on the request's write (which adds the frame encoder) was added
        // after the write could complete: under load the 101 was read, and the HTTP codec taken
        // out, before the listener ran, so it failed to find the codec, left no encoder, and the
        // first frame reached the socket unencoded (UnsupportedOperationException).
        ChannelFuture requestSent = client.channel.eventLoop().submit(() -> client.handshaker.handshake(client.channel))
                .get(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        requestSent.await(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int status = client.handshake.get(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (status == 101 && !(requestSent.isSuccess() && client.handshaker.isHandshakeComplete())) {
            throw new AssertionError("the WebSocket upgrade was answered but not completed: " + requestSent.cause());
        }
        return client;
    }

    static WebSocketTestClient connect(int port, String subprotocols, Map<String, String> headers) throws Exception {
        return connect("127.0.0.1", port, "/socket", subprotocols, headers);
    }

    /** The status the server answered the upgrade with: 101 when it is a WebSocket now, -1 if it closed first. */
    int status() {
        return handshake.join();
    }

    /** The subprotocol the server chose, or null for none. */
    String subprotocol() {
        return handshaker.actualSubprotocol();
    }

    /** How many pings the server has sent. */
    int pings() {
        return pings.get();
    }

    /** The connection itself, to write what a well-behaved client would not. */
    Channel channelForTests() {
        return channel;
    }

    void dontAnswerPings() {
        answerPings = false;
    }

    WebSocketTestClient send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
        return this;
    }

    WebSocketTestClient sendBinary(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
        return this;
    }

    /** The next frame other than a ping, waiting for it; {@code eof} once the connection closed. */
    Frame next() throws InterruptedException {
        Frame frame = frames.poll(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("nothing from the server within " + WireClient.TIMEOUT_MS + " ms");
        }
        return frame;
    }

    /** The next message's text. */
    String nextText() throws InterruptedException {
        Frame frame = next();
        if (!frame.kind().equals("text") && !frame.kind().equals("binary")) {
            throw new AssertionError("expected a message, got " + frame);
        }
        return frame.text();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Reader extends SimpleChannelInboundHandler<Object> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse response) {
                if (response.status().code() == 101) {
                    handshaker().finishHandshake(ctx.channel(), response.retain());
                    response.release();
                }
                handshake.complete(response.status().code());
                return;
            }
            if (msg instanceof PingWebSocketFrame ping) {
                pings.incrementAndGet();
                if (answerPings) {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                }
            } else if (msg instanceof CloseWebSocketFrame close) {
                frames.add(new Frame("close", close.reasonText(), null, close.statusCode()));
            } else if (msg instanceof TextWebSocketFrame text) {
                frames.add(new Frame("text", text.text(), null, 0));
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                byte[] bytes = ByteBufUtil.getBytes(binary.content());
                frames.add(new Frame("binary", new String(bytes, StandardCharsets.UTF_8), bytes, 0));
            } else if (msg instanceof WebSocketFrame other) {
                frames.add(new Frame(other.getClass().getSimpleName(), null, null, 0));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshake.complete(-1); // closed before the upgrade was answered
            frames.add(CLOSED);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            frames.add(new Frame("error", cause.toString(), null, 0));
            ctx.close();
        }
    }
}
