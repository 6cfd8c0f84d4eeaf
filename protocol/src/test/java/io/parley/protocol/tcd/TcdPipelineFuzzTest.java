package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
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
    /** A line a key-by-key reader would take for a field of a reply. */
    private static final Pattern REPLY_KEY_LINE = Pattern.compile(
            "\\s*(CHAT|CLIENT_NAME|MESSAGE|JOINED_CHATROOM|SERVER_IP|PORT|ROOM_REF|JOIN_ID|LEFT_CHATROOM"
                    + "|ERROR_CODE|ERROR_DESCRIPTION|IP|StudentID)\\s*:.*", Pattern.CASE_INSENSITIVE);

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        TcdSettings settings = new TcdSettings("fuzz", MAX_REQUEST, false, () -> { });
        EmbeddedChannel channel = new EmbeddedChannel(
                new TcdInitializer(PipelineFuzzing.inMemoryChat(), new RegisteredNames(List.of("owner")), settings));

        String output = PipelineFuzzing.feed(channel, data);

        // A relayed MESSAGE may span lines of at most one request, tripled if every byte was
        // invalid UTF-8 (U+FFFD is three bytes); every other line is short. A message's further
        // lines never start with a reply's key (they are quoted), so none can pose as a field.
        List<String> lines = PipelineFuzzing.safeLines(output, 3 * MAX_REQUEST + 64);
        assertThat(lines.get(lines.size() - 1)).as("output ends with a line end").isEmpty();
        boolean inMessage = false;
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (inMessage) {
                assertThat(line).as("a message's further line").doesNotMatch(REPLY_KEY_LINE);
                assertThat(line.isEmpty() || !line.isBlank()).as("no blank line inside a message: %s", line).isTrue();
                inMessage = !line.isEmpty(); // up to the empty one that ends it
            } else {
                assertThat(line).matches(REPLY_LINE);
                inMessage = line.startsWith("MESSAGE: ");
            }
        }
        assertThat(inMessage).as("the last message is ended").isFalse();
    }
}
