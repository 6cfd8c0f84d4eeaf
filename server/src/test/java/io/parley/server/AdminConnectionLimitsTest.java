package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.parley.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin connections' limits, over real sockets, on a listener set up by
 * {@link AdminInitializer} with short limits: a connection idle past its timeout is closed, and
 * one past the cap on open connections is refused with a 503.
 */
class AdminConnectionLimitsTest {

    private static final int MAX_CONNECTIONS = 2;
    private static final long IDLE_TIMEOUT_MS = 300;
    private static final String LIVEZ = "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n";

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final DefaultChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel listener;

    @BeforeEach
    void listen() throws Exception {
        AdminInitializer initializer = new AdminInitializer(channels, () -> Map.of("/livez",
                () -> CompletableFuture.completedFuture(AdminResponse.text(HttpResponseStatus.OK, "ok"))),
                MAX_CONNECTIONS, IDLE_TIMEOUT_MS);
        listener = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class).childHandler(initializer)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close().sync();
        channels.close().sync();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    private int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() {
        try (WireClient client = WireClient.connect(port())) {
            client.send(LIVEZ);
            assertThat(client.readLine()).isEqualTo("HTTP/1.1 200 OK\r");
            // Then nothing: the server closes it well within the client's read timeout.
            assertThat(client.readToEof()).as("the rest of the answer, then the end").endsWith("\r\n\r\nok\n");
        }
    }

    @Test
    void aConnectionPastTheCapIsRefusedWith503AndTheOthersStillServed() {
        try (WireClient first = WireClient.connect(port()); WireClient second = WireClient.connect(port())) {
            first.send(LIVEZ);
            assertThat(first.readLine()).isEqualTo("HTTP/1.1 200 OK\r");
            second.send(LIVEZ);
            assertThat(second.readLine()).isEqualTo("HTTP/1.1 200 OK\r");

            try (WireClient third = WireClient.connect(port())) {
                // Refused as it opens, before it sends anything.
                assertThat(third.readLine()).isEqualTo("HTTP/1.1 503 Service Unavailable\r");
                String line;
                do {
                    line = third.readLine();
                } while (!line.isEmpty() && !line.equals("\r"));
                assertThat(third.readLine()).isEqualTo("too many admin connections");
                third.expectEof();
            }
        }
    }
}
