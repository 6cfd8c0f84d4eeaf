package io.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * {@link IrcDeliveryDecoder} behind a WebSocket client: once in the pipeline it puts Netty's HTTP
 * client codec and WebSocket client handler (subprotocol {@code text.ircv3.net}) and
 * {@link Frames} in front of itself, so the IRC decoder sees CR LF lines as from a TCP socket.
 * What the member writes before the handshake has completed (its join) waits in {@link Frames}.
 */
final class WsIrcDeliveryDecoder extends IrcDeliveryDecoder {

    static final String SUBPROTOCOL = "text.ircv3.net";
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    /**
     * Longer than any run waits for its joins ({@link BenchRun#joinAll}), so that a slow server
     * fails the run by that wait, as over TCP, never by this one: Netty's default of 10 s closed
     * every connection whose upgrade took longer (a busy or cold server, 500 and more joining)
     * as "closed before it joined".
     */
    static final long HANDSHAKE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);

    WsIrcDeliveryDecoder(DeliveryListener listener) {
        super(listener);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        // The address is not known yet (the channel connects later): Host is filled in on the handshake.
        URI uri = URI.create("ws://127.0.0.1" + WsIrcDriver.PATH);
        ctx.pipeline().addBefore(ctx.name(), null, new HttpClientCodec());
        ctx.pipeline().addBefore(ctx.name(), null, new HttpObjectAggregator(MAX_FRAME_BYTES));
        ctx.pipeline().addBefore(ctx.name(), null, new Handshake(uri));
        ctx.pipeline().addBefore(ctx.name(), null, new Frames());
    }

    /** A handshake that never completes closes the connection: say why, as a refusal. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            listener.refused("no answer to the WebSocket handshake within " + HANDSHAKE_TIMEOUT_MS / 1000 + " s");
        }
        super.userEventTriggered(ctx, event);
    }

    /** The WebSocket client handler, its request's URI given the port the channel connected to. */
    private static final class Handshake extends ChannelDuplexHandler {
        private final URI base;

        Handshake(URI base) {
            this.base = base;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            URI uri = URI.create("ws://" + remote.getAddress().getHostAddress() + ":" + remote.getPort() + base.getPath());
            WebSocketClientProtocolHandler protocol = new WebSocketClientProtocolHandler(
                    WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, SUBPROTOCOL, false,
                            new DefaultHttpHeaders(), MAX_FRAME_BYTES), true, true, HANDSHAKE_TIMEOUT_MS);
            // Its handshake handler goes between this and it, and starts when the connection is
            // seen open: fired from here, it reaches that handler, then the rest of the pipeline.
            ctx.pipeline().addAfter(ctx.name(), null, protocol);
            ctx.fireChannelActive();
            ctx.pipeline().remove(this);
        }
    }

    /**
     * Text frames in, as CR LF lines for the IRC decoder; CR LF lines out, one text frame each,
     * held until the handshake is complete.
     */
    private static final class Frames extends ChannelDuplexHandler {
        private final Queue<Object[]> waiting = new ArrayDeque<>();
        private boolean open;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame frame) {
                ByteBuf line = ctx.alloc().buffer(frame.content().readableBytes() + 2);
                line.writeBytes(frame.content()).writeByte('\r').writeByte('\n');
                frame.release();
                ctx.fireChannelRead(line);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                open = true;
                for (Object[] write; (write = waiting.poll()) != null; ) {
                    write(ctx, write[0], (ChannelPromise) write[1]);
                }
                ctx.flush();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!(msg instanceof ByteBuf out)) {
                ctx.write(msg, promise);
                return;
            }
            if (!open) {
                waiting.add(new Object[] {msg, promise});
                return;
            }
            int end = out.writerIndex();
            int start = out.readerIndex();
            for (int eol = out.indexOf(start, end, (byte) '\n'); eol >= 0; eol = out.indexOf(start, end, (byte) '\n')) {
                int to = eol > start && out.getByte(eol - 1) == '\r' ? eol - 1 : eol;
                ctx.write(new TextWebSocketFrame(out.retainedSlice(start, to - start)), ctx.voidPromise());
                start = eol + 1;
            }
            out.release();
            promise.trySuccess();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            for (Object[] write; (write = waiting.poll()) != null; ) {
                ((ByteBuf) write[0]).release();
            }
        }
    }
}
