package io.parley.protocol.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.RegisteredNames;
import io.parley.protocol.PipelineFuzzing;
import java.util.List;

/**
 * The line pipeline on any input: it never throws, and every line it writes is {@code name: text}
 * or a {@code * } notice, of bounded length, with no CR or NUL.
 */
class LinePipelineFuzzTest {

    private static final int MAX_LINE = 256;

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new LineInitializer(PipelineFuzzing.inMemoryChat(),
                new RegisteredNames(List.of("owner")), new LineSettings("lobby", MAX_LINE)));

        String output = PipelineFuzzing.feed(channel, data);

        // An invalid byte becomes U+FFFD, three bytes: a relayed line may triple.
        List<String> lines = PipelineFuzzing.safeLines(output, 3 * MAX_LINE + LineSettings.MAX_NAME_LENGTH * 4 + 2);
        assertThat(lines.get(lines.size() - 1)).as("output ends with a line end").isEmpty();
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).matches("(\\* .*|[^:]{1,128}: .*)");
        }
    }
}
