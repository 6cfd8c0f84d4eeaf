package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.RegisteredNames;
import io.parley.protocol.PipelineFuzzing;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The TCD pipeline (real decoder, handler and encoders) on any input: it never throws, and
 * every line it writes is a TCD line of bounded length with no CR or NUL. Saved inputs run in
 * {@code mvn verify}; DEVELOPING.md says how to fuzz for longer.
 */
class TcdPipelineFuzzTest {

    private static final int MAX_REQUEST = 1024;
    /** Every line a TCD server writes (spec: tcd.md) but a relayed message's lines after its first. */
    private static final Pattern REPLY_LINE = Pattern.compile(String.join("|",
            "HELO .*", "IP:\\S+", "Port:\\d+", "StudentID:fuzz",
            "JOINED_CHATROOM: .+", "SERVER_IP: \\S+", "PORT: \\d+", "ROOM_REF: \\d+", "JOIN_ID: .*",
            "LEFT_CHATROOM: .*",
            "CHAT: \\d+", "CLIENT_NAME: .+", "MESSAGE: .*",
            "ERROR_CODE: \\d+", "ERROR_DESCRIPTION: .+"));

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        TcdSettings settings = new TcdSettings("fuzz", MAX_REQUEST, false, () -> { });
        EmbeddedChannel channel = new EmbeddedChannel(
                new TcdInitializer(PipelineFuzzing.inMemoryChat(), new RegisteredNames(List.of("owner")), settings));

        String output = PipelineFuzzing.feed(channel, data);

        // A relayed MESSAGE is one line of at most one request, its bytes at most quadrupled (an
        // invalid byte becomes U+FFFD, three bytes; a line break, " U+23CE ", five); every other
        // line is short.
        List<String> lines = PipelineFuzzing.safeLines(output, 4 * MAX_REQUEST + 64);
        assertThat(lines.get(lines.size() - 1)).as("output ends with a line end").isEmpty();
        boolean messageEnds = false;
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (messageEnds) {
                assertThat(line).as("the empty line that ends a relay, right after its MESSAGE").isEmpty();
                messageEnds = false;
            } else {
                assertThat(line).matches(REPLY_LINE);
                messageEnds = line.startsWith("MESSAGE: ");
            }
        }
        assertThat(messageEnds).as("the last message is ended").isFalse();
    }
}
