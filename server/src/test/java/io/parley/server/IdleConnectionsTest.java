package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.parley.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quiet connections: a directory client that sends nothing is closed after its idle timeout,
 * told why; chat connections have none, and TCP keepalive probes a silent peer after minutes.
 */
class IdleConnectionsTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @Test
    void aDirectoryConnectionThatSendsNothingIsToldAndClosed() throws Exception {
        server.start(Map.of(ServerConfig.DIRECTORY_IDLE_TIMEOUT_SECONDS, "1"));
        WireClient client = server.connect("directory");

        client.expect("ERR 408 no command in time\n");
        client.expectEof();
    }

    @Test
    void aDirectoryConnectionThatSendsCommandsStaysOpenWithTheTimeoutOff() throws Exception {
        server.start(Map.of(ServerConfig.DIRECTORY_IDLE_TIMEOUT_SECONDS, "0"));
        WireClient client = server.connect("directory");
        // Answered: the server has accepted the connection and set up its pipeline.
        client.send("getdir\n").expect("OK 0\n");

        assertThat(server.parley().connections()).singleElement().satisfies(connection -> {
            assertThat(connection.isActive()).as("still open").isTrue();
            assertThat(connection.pipeline().get(IdleTimeout.class)).as("no idle timeout").isNull();
        });
        client.send("getdir\n").expect("OK 0\n");
    }

    @Test
    void chatConnectionsHaveNoIdleTimeoutAndKeepaliveProbesASilentPeerAfterFiveMinutes() throws Exception {
        server.start();
        WireClient alice = server.connect("line").send("alice\n").send("hi\n");
        while (!alice.readLine().equals("alice: hi")) {
            // the server has accepted and set up the connection once its own line comes back
        }

        Channel connection = server.parley().connections().stream()
                .filter(channel -> ((InetSocketAddress) channel.remoteAddress()).getPort() == alice.localPort())
                .findFirst().orElseThrow();

        assertThat(connection.pipeline().get(IdleTimeout.class)).as("no idle timeout on chat").isNull();
        assertThat(connection.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
        assertThat(keepAliveIdleSeconds(connection)).isEqualTo(300);
    }

    private static int keepAliveIdleSeconds(Channel connection) {
        if (connection instanceof EpollSocketChannel) {
            return connection.config().getOption(EpollChannelOption.TCP_KEEPIDLE);
        }
        if (connection instanceof io.netty.channel.uring.IoUringSocketChannel) {
            return connection.config().getOption(io.netty.channel.uring.IoUringChannelOption.TCP_KEEPIDLE);
        }
        return connection.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE));
    }
}
