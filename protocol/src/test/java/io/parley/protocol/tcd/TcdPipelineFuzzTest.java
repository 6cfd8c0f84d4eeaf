package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.RegisteredNames;
import io.parley.protocol.PipelineFuzzing;
import java.util.List;

/**
 * The TCD pipeline (real decoder, handler and encoders) on any input: it never throws, and
 * every line it writes is a TCD line of bounded length with no CR or NUL. Saved inputs run in
 * {@code mvn verify}; DEVELOPING.md says how to fuzz for longer.
 */
class TcdPipelineFuzzTest {

    private static final int MAX_REQUEST = 1024;

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        TcdSettings settings = new TcdSettings("fuzz", MAX_REQUEST, false, () -> { });
        EmbeddedChannel channel = new EmbeddedChannel(
                new TcdInitializer(PipelineFuzzing.inMemoryChat(), new RegisteredNames(List.of("owner")), settings));

        String output = PipelineFuzzing.feed(channel, data);

        // A relayed MESSAGE may span lines of at most one request, tripled if every byte was
        // invalid UTF-8 (U+FFFD is three bytes); every other line is short.
        for (String line : PipelineFuzzing.safeLines(output, 3 * MAX_REQUEST + 64)) {
            assertThat(line).matches("|[A-Z_]+:? ?.*|[^\\n]*");
        }
    }
}
