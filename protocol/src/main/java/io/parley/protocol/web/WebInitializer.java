package io.parley.protocol.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.parley.protocol.ClientAddress;
import java.net.InetSocketAddress;

/**
 * Builds a web connection's pipeline: HTTP first ({@link WebRequestHandler}), which serves files
 * or turns the connection into a WebSocket. A connection from a trusted proxy is counted under
 * its client's address once its first request names it ({@link ClientAddress}). Shareable.
 */
@ChannelHandler.Sharable
final class WebInitializer extends ChannelInitializer<Channel> {

    static final String HTTP = "web-http";
    static final String AGGREGATOR = "web-aggregator";
    static final String REQUESTS = "web-requests";
    /** Only POST /account carries a body (a name and a password): anything bigger is not for us. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private final WebSettings settings;
    private final StaticFiles files;
    private final ChannelHandler socket;
    private final AccountEndpoint accounts;

    /**
     * @param socket the carried protocol's handler, which adds its {@link io.parley.protocol.LineFraming} first
     * @param accounts {@code POST /account}
     */
    WebInitializer(WebSettings settings, StaticFiles files, ChannelHandler socket, AccountEndpoint accounts) {
        this.settings = settings;
        this.files = files;
        this.socket = socket;
        this.accounts = accounts;
    }

    @Override
    protected void initChannel(Channel channel) {
        InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
        if (peer != null && settings.trustedProxies().trusts(peer.getAddress())) {
            ClientAddress.expect(channel);
        }
        channel.pipeline().addLast(HTTP, new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES));
        channel.pipeline().addLast(AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES));
        channel.pipeline().addLast(REQUESTS, new WebRequestHandler(settings, files, socket, accounts));
    }
}
