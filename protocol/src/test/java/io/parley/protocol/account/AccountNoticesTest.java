package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.Goodbye;
import io.parley.protocol.PipelineFuzzing;
import io.parley.protocol.ServerNotice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's own notices on the account pipeline come out as the account protocol's error
 * frames, byte for byte what clients have always read: written from the channel (the connection
 * guard, before the protocol's handlers) and from the request handler (the goodbye).
 */
class AccountNoticesTest {

    private static final Map<ServerNotice, String> WIRE = Map.of(
            ServerNotice.TOO_MANY_CONNECTIONS, "C ERR 429 too many connections from your address\n",
            ServerNotice.REGISTRATION_TIMEOUT, "C ERR 408 no login in time\n",
            ServerNotice.IDLE_TIMEOUT, "C ERR 408 no login in time\n",
            ServerNotice.SHUTTING_DOWN, "C BYE server shutting down\n");

    private final AccountTestServer server = new AccountTestServer();

    @Test
    void everyNoticeWrittenFromTheChannelIsAnAccountErrorFrame() {
        for (ServerNotice notice : ServerNotice.values()) {
            EmbeddedChannel channel = server.connect();

            channel.writeAndFlush(notice);

            assertThat(PipelineFuzzing.output(channel)).as(notice.name()).isEqualTo(WIRE.get(notice));
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theGoodbyeToALoggedInUserIsTheByeFrame() {
        EmbeddedChannel channel = server.login("alice");

        ChannelFuture written = Goodbye.say(channel);
        channel.runPendingTasks();

        assertThat(written.isSuccess()).as("written").isTrue();
        assertThat(PipelineFuzzing.output(channel)).isEqualTo("C BYE server shutting down\n");
        channel.finishAndReleaseAll();
    }
}
