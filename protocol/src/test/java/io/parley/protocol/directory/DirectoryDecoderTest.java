package io.parley.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.protocol.LineFraming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new LineFraming(DirectorySettings.MAX_LINE_BYTES),
            new DirectoryDecoder());

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private List<DirectoryRequest> decode(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<DirectoryRequest> decode(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<DirectoryRequest> requests = new ArrayList<>();
        for (Object request = channel.readInbound(); request != null; request = channel.readInbound()) {
            requests.add((DirectoryRequest) request);
        }
        return requests;
    }

    private static DirectoryRequest.Command command(String verb, String... arguments) {
        return new DirectoryRequest.Command(verb, List.of(arguments));
    }

    @Test
    void halfALineWaitsForTheRest() {
        assertThat(decode("makeroom r1 239.0")).isEmpty();

        assertThat(decode(".0.1 5000\n")).containsExactly(command("makeroom", "r1", "239.0.0.1", "5000"));
    }

    @Test
    void manyLinesInOneBufferAreManyCommands() {
        assertThat(decode("getdir\nmakeroom r1 239.0.0.1 5000\ndeleteroom r1\nbye\n")).containsExactly(
                command("getdir"), command("makeroom", "r1", "239.0.0.1", "5000"), command("deleteroom", "r1"),
                command("bye"));
    }

    @Test
    void crlfRunsOfSpacesAndBlankLinesAreTolerated() {
        assertThat(decode("\n  \r\n  makeroom   r1 \t239.0.0.1  5000  \r\ngetdir\r\n")).containsExactly(
                command("makeroom", "r1", "239.0.0.1", "5000"), command("getdir"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertThat(decode(new byte[] {'g', (byte) 0xC3, (byte) 0x28, '\n'})).containsExactly(command("g\uFFFD("));
    }

    @Test
    void aLineOfExactlyTheLimitIsACommand() {
        String longest = "x".repeat(DirectorySettings.MAX_LINE_BYTES);

        assertThat(decode(longest + "\n")).containsExactly(command(longest));
    }

    @Test
    void aLineOverTheLimitFailsAtOnceAndIsDiscardedToItsEnd() {
        String tooLong = "x".repeat(DirectorySettings.MAX_LINE_BYTES + 1);

        // Fails before the line has ended: the rest is never buffered.
        assertThatThrownBy(() -> decode(tooLong)).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(Integer.toString(DirectorySettings.MAX_LINE_BYTES));
        assertThat(decode("more of it\ngetdir\n")).containsExactly(command("getdir"));
    }
}
