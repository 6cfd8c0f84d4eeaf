package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.core.account.RegisteredNames;
import io.parley.core.directory.InMemoryDirectoryStore;
import io.parley.core.directory.RoomDirectory;
import io.parley.core.room.ChatService;
import io.parley.protocol.directory.DirectoryInitializer;
import io.parley.protocol.directory.DirectorySettings;
import io.parley.protocol.line.LineInitializer;
import io.parley.protocol.line.LineSettings;
import io.parley.protocol.tcd.TcdInitializer;
import io.parley.protocol.tcd.TcdSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam a transport plugs into: with the byte stream's {@link LineFraming} taken out of a
 * protocol's real pipeline and lines written in as strings, as a WebSocket framing would pass one
 * text frame each, the conversation goes as it does over TCP, and the framing's
 * {@link TooLongFrameException} gets the protocol's own answer. Nothing after the framing needs
 * bytes or a socket.
 */
class TransportSeamTest {

    private static EmbeddedChannel withoutLineFraming(io.netty.channel.ChannelInitializer<?> initializer) {
        EmbeddedChannel channel = new EmbeddedChannel(initializer);
        channel.pipeline().remove(LineFraming.class);
        return channel;
    }

    private static String send(EmbeddedChannel channel, String... lines) {
        for (String line : lines) {
            channel.writeInbound(line);
        }
        channel.runPendingTasks();
        channel.checkException();
        return PipelineFuzzing.output(channel);
    }

    @Test
    void lineMembersChatInLinesThatAreStrings() {
        ChatService chat = PipelineFuzzing.inMemoryChat();
        LineInitializer initializer = new LineInitializer(chat, new RegisteredNames(List.of()),
                new LineSettings("lobby", 256));
        EmbeddedChannel alice = withoutLineFraming(initializer);
        EmbeddedChannel bob = withoutLineFraming(initializer);
        send(alice, "alice");
        send(bob, "bob");

        send(alice, "caf\u00e9 \u2615", "");

        assertThat(send(bob)).isEqualTo("alice: caf\u00e9 \u2615\nalice: \n");
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    @Test
    void aLineClientToldItsFrameIsTooLongGetsTheLineNoticeAndIsClosed() {
        EmbeddedChannel channel = withoutLineFraming(new LineInitializer(PipelineFuzzing.inMemoryChat(),
                new RegisteredNames(List.of()), new LineSettings("lobby", 256)));

        channel.pipeline().fireExceptionCaught(new TooLongFrameException("frame over 256 bytes"));

        assertThat(send(channel)).isEqualTo("* line too long (limit 256 bytes)\n");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aTcdRequestIsAssembledFromLinesThatAreStrings() {
        EmbeddedChannel channel = withoutLineFraming(new TcdInitializer(PipelineFuzzing.inMemoryChat(),
                new RegisteredNames(List.of()), new TcdSettings("test", 1024, false, () -> { })));

        String joined = send(channel, "JOIN_CHATROOM: room1", "CLIENT_IP: 0", "PORT: 0", "CLIENT_NAME: client1");
        assertThat(joined).startsWith("JOINED_CHATROOM: room1\n");
        String ref = field(joined, "ROOM_REF");

        assertThat(send(channel, "CHAT: " + ref, "JOIN_ID: " + field(joined, "JOIN_ID"), "CLIENT_NAME: client1",
                "MESSAGE: hello", "")).isEqualTo("CHAT: " + ref + "\nCLIENT_NAME: client1\nMESSAGE: hello\n\n");
        channel.finishAndReleaseAll();
    }

    /** The value of a {@code KEY: value} line of a TCD reply. */
    private static String field(String reply, String key) {
        return reply.lines().filter(line -> line.startsWith(key + ": ")).findFirst().orElseThrow()
                .substring(key.length() + 2);
    }

    @Test
    void directoryCommandsAreLinesThatAreStrings() {
        EmbeddedChannel channel = withoutLineFraming(new DirectoryInitializer(new RoomDirectory(
                PipelineFuzzing.inMemoryChat(), new InMemoryDirectoryStore(), 0), new DirectorySettings(line -> { })));

        assertThat(send(channel, "makeroom r1 239.0.0.1 5000", "", "getdir"))
                .isEqualTo("OK room r1 created\nOK 1\nr1 239.0.0.1 5000\n");
        channel.finishAndReleaseAll();
    }
}
