package io.parley.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.directory.InMemoryDirectoryStore;
import io.parley.core.directory.RoomDirectory;
import io.parley.protocol.PipelineFuzzing;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rooms one address may hold count an IPv6 client by its /64, as its connections and logins
 * are counted: a client cannot pass the limit by moving to another address of its own /64.
 */
class DirectoryRoomsPerAddressTest {

    private final RoomDirectory directory = new RoomDirectory(PipelineFuzzing.inMemoryChat(), new InMemoryDirectoryStore(), 1);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void finish() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void anotherAddressOfTheSameIpv6Slash64SharesTheLimit() throws Exception {
        assertThat(makeroom("2001:db8:1:2::1", "r1 239.0.0.1 5000")).isEqualTo("OK room r1 created\n");

        assertThat(makeroom("2001:db8:1:2::2", "r2 239.0.0.2 5000")).startsWith("ERR 429 ");
        assertThat(makeroom("2001:db8:1:3::1", "r3 239.0.0.3 5000")).as("the next /64").isEqualTo("OK room r3 created\n");
    }

    @Test
    void everyIpv4AddressHoldsItsOwnShare() throws Exception {
        assertThat(makeroom("192.0.2.1", "r1 239.0.0.1 5000")).isEqualTo("OK room r1 created\n");
        assertThat(makeroom("192.0.2.2", "r2 239.0.0.2 5000")).isEqualTo("OK room r2 created\n");
        assertThat(makeroom("::ffff:192.0.2.2", "r3 239.0.0.3 5000")).as("192.0.2.2, IPv4-mapped").startsWith("ERR 429 ");
    }

    /** Sends {@code makeroom arguments} on a new connection from {@code address}; returns the reply. */
    private String makeroom(String address, String arguments) throws Exception {
        EmbeddedChannel channel = new From(new InetSocketAddress(InetAddress.getByName(address), 40000));
        channels.add(channel);
        channel.pipeline().addLast(new DirectoryInitializer(directory, new DirectorySettings(line -> { })));
        channel.writeInbound(Unpooled.copiedBuffer("makeroom " + arguments + "\n", StandardCharsets.UTF_8));
        channel.runPendingTasks();
        StringBuilder replies = new StringBuilder();
        for (ByteBuf reply = channel.readOutbound(); reply != null; reply = channel.readOutbound()) {
            replies.append(reply.toString(StandardCharsets.UTF_8));
            reply.release();
        }
        return replies.toString();
    }

    /** An in-memory connection that says it comes from {@code remote}. */
    private static final class From extends EmbeddedChannel {
        private final SocketAddress remote;

        From(SocketAddress remote) {
            this.remote = remote;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
