package io.parley.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.directory.InMemoryDirectoryStore;
import io.parley.core.directory.RoomDirectory;
import io.parley.protocol.PipelineFuzzing;
import java.util.List;

/**
 * The directory pipeline on any input: it never throws, and every line it writes is an
 * {@code OK}/{@code ERR} reply or a directory listing line, of bounded length, with no CR or NUL.
 */
class DirectoryPipelineFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        RoomDirectory directory = new RoomDirectory(PipelineFuzzing.inMemoryChat(), new InMemoryDirectoryStore(), 0);
        EmbeddedChannel channel = new EmbeddedChannel(new DirectoryInitializer(directory, new DirectorySettings(line -> { })));

        String output = PipelineFuzzing.feed(channel, data);

        List<String> lines = PipelineFuzzing.safeLines(output, 256);
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).matches("(OK|ERR) .*|\\S{1,32} 239\\.\\d+\\.\\d+\\.\\d+ \\d+");
        }
    }
}
