package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.PipelineFuzzing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A channel message reaches IRC members as bytes written once per loop and form: members on one
 * thread that asked for different tags (message-tags, server-time) each get their own lines, those
 * that asked for none the plain line, and the author its echo only with echo-message. Every
 * connection here runs on the test's thread, so they share the per-thread bytes as members of one
 * event loop do.
 */
class IrcSharedLinesTest {

    private final IrcInitializer initializer = new IrcInitializer(IrcPipelineFuzzTest.server());
    private final List<EmbeddedChannel> connections = new ArrayList<>();

    @AfterEach
    void close() {
        connections.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void membersThatAskedForDifferentTagsGetTheirOwnLinesAndTheRestTheSameOne() {
        EmbeddedChannel alice = joined("alice", "echo-message");
        EmbeddedChannel tagged = joined("tagged", "message-tags server-time");
        EmbeddedChannel plain = joined("plain", null);
        EmbeddedChannel alsoPlain = joined("also", null);
        EmbeddedChannel timed = joined("timed", "server-time");
        connections.forEach(PipelineFuzzing::output); // the joins

        send(alice, "PRIVMSG #lobby :hello\r\nPRIVMSG #lobby :again\r\n");

        String plainLines = output(plain);
        assertThat(plainLines).matches(":alice!\\S+ PRIVMSG #lobby :?hello\r\n:alice!\\S+ PRIVMSG #lobby :?again\r\n");
        assertThat(output(alsoPlain)).isEqualTo(plainLines);
        assertThat(output(alice)).as("the echo").isEqualTo(plainLines);
        assertThat(untagged(output(tagged), "time", "msgid")).isEqualTo(plainLines);
        assertThat(untagged(output(timed), "time")).isEqualTo(plainLines);
    }

    /** {@code lines} without their tags, asserting each line had exactly the tags {@code keys}. */
    private static String untagged(String lines, String... keys) {
        StringBuilder plain = new StringBuilder();
        for (String line : lines.split("\r\n")) {
            assertThat(line).startsWith("@");
            int space = line.indexOf(' ');
            List<String> tagKeys = new ArrayList<>();
            for (String tag : line.substring(1, space).split(";")) {
                tagKeys.add(tag.split("=")[0]);
            }
            assertThat(tagKeys).as(line).containsExactlyInAnyOrder(keys);
            plain.append(line.substring(space + 1)).append("\r\n");
        }
        return plain.toString();
    }

    /** A registered connection in {@code #lobby} with {@code capabilities} (or none). */
    private EmbeddedChannel joined(String nick, String capabilities) {
        EmbeddedChannel channel = new EmbeddedChannel(initializer);
        connections.add(channel);
        String caps = capabilities == null ? "" : "CAP LS 302\r\nCAP REQ :" + capabilities + "\r\n";
        send(channel, caps + "NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\n"
                + (capabilities == null ? "" : "CAP END\r\n") + "JOIN #lobby\r\n");
        assertThat(PipelineFuzzing.output(channel)).as(nick + " in #lobby").contains(" JOIN ");
        return channel;
    }

    private void send(EmbeddedChannel channel, String lines) {
        channel.writeInbound(Unpooled.copiedBuffer(lines, StandardCharsets.UTF_8));
        connections.forEach(EmbeddedChannel::runPendingTasks);
        channel.checkException();
    }

    private String output(EmbeddedChannel channel) {
        channel.runPendingTasks();
        return PipelineFuzzing.output(channel);
    }
}
