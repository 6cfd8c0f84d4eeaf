package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.core.directory.InMemoryDirectoryStore;
import io.parley.core.directory.RoomDirectory;
import io.parley.protocol.directory.DirectoryInitializer;
import io.parley.protocol.directory.DirectorySettings;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's own notices, written to a protocol's real pipeline as values, come out as that
 * protocol's error lines, byte for byte what clients have always read: from the channel (as the
 * connection guard and the idle timeout write them, before the protocol's handlers) and from the
 * request handler (the goodbye, in its turn). The account protocol's are in its own package.
 */
class ServerNoticesTest {

    enum Protocol {
        LINE(() -> new LineInitializer(PipelineFuzzing.inMemoryChat(), new RegisteredNames(List.of()),
                new LineSettings("lobby", 256)), Map.of(
                        ServerNotice.TOO_MANY_CONNECTIONS, "* too many connections from your address\n",
                        ServerNotice.REGISTRATION_TIMEOUT, "* no name in time\n",
                        ServerNotice.IDLE_TIMEOUT, "* no name in time\n",
                        ServerNotice.SHUTTING_DOWN, "* server shutting down\n")),
        TCD(() -> new TcdInitializer(PipelineFuzzing.inMemoryChat(), new RegisteredNames(List.of()),
                new TcdSettings("test", 1024, false, () -> { })), Map.of(
                        ServerNotice.TOO_MANY_CONNECTIONS,
                        "ERROR_CODE: 9\nERROR_DESCRIPTION: too many connections from your address\n",
                        ServerNotice.REGISTRATION_TIMEOUT, "ERROR_CODE: 10\nERROR_DESCRIPTION: no request in time\n",
                        ServerNotice.IDLE_TIMEOUT, "ERROR_CODE: 10\nERROR_DESCRIPTION: no request in time\n",
                        ServerNotice.SHUTTING_DOWN, "ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n")),
        DIRECTORY(() -> new DirectoryInitializer(new RoomDirectory(PipelineFuzzing.inMemoryChat(),
                new InMemoryDirectoryStore(), 0), new DirectorySettings(line -> { })), Map.of(
                        ServerNotice.TOO_MANY_CONNECTIONS, "ERR 429 too many connections from your address\n",
                        ServerNotice.REGISTRATION_TIMEOUT, "ERR 408 no command in time\n",
                        ServerNotice.IDLE_TIMEOUT, "ERR 408 no command in time\n",
                        ServerNotice.SHUTTING_DOWN, "ERR 503 server shutting down\n"));

        final Supplier<ChannelInitializer<?>> initializer;
        final Map<ServerNotice, String> wire;

        Protocol(Supplier<ChannelInitializer<?>> initializer, Map<ServerNotice, String> wire) {
            this.initializer = initializer;
            this.wire = wire;
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void everyNoticeWrittenFromTheChannelIsTheProtocolsErrorLine(Protocol protocol) {
        for (ServerNotice notice : ServerNotice.values()) {
            EmbeddedChannel channel = new EmbeddedChannel(protocol.initializer.get());

            channel.writeAndFlush(notice);

            assertThat(PipelineFuzzing.output(channel)).as(notice.name()).isEqualTo(protocol.wire.get(notice));
            channel.finishAndReleaseAll();
        }
    }

    @org.junit.jupiter.api.Test
    void anIrcKickOfALineOrTcdUserIsItsProtocolsErrorLineWithoutTheControlCharactersItsReasonHad() {
        RoomRemoval kick = new RoomRemoval("lobby", "op", "spam\r\nERROR_CODE: 1");
        EmbeddedChannel line = new EmbeddedChannel(Protocol.LINE.initializer.get());
        line.writeAndFlush(kick);
        assertThat(PipelineFuzzing.output(line)).isEqualTo("* kicked from lobby by op (spam\uFFFD\uFFFDERROR_CODE: 1)\n");
        line.finishAndReleaseAll();
        EmbeddedChannel tcd = new EmbeddedChannel(Protocol.TCD.initializer.get());
        tcd.writeAndFlush(new RoomRemoval("lobby", "op", "enough"));
        assertThat(PipelineFuzzing.output(tcd)).isEqualTo("ERROR_CODE: 15\nERROR_DESCRIPTION: kicked from lobby by op (enough)\n");
        tcd.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theGoodbyeIsWrittenByTheRequestHandlerAsTheProtocolsErrorLine(Protocol protocol) {
        EmbeddedChannel channel = new EmbeddedChannel(protocol.initializer.get());

        ChannelFuture written = Goodbye.say(channel);
        channel.runPendingTasks();

        assertThat(written.isSuccess()).as("written").isTrue();
        assertThat(PipelineFuzzing.output(channel)).isEqualTo(protocol.wire.get(ServerNotice.SHUTTING_DOWN));
        channel.finishAndReleaseAll();
    }
}
