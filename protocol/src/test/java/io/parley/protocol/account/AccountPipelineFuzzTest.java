package io.parley.protocol.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.PipelineFuzzing;
import java.util.List;

/**
 * The account pipeline on any input from a logged-in user (so BM, PM, CH and PUBKEY are reached,
 * with another user online to receive): it never throws, and every frame it writes, to the user
 * or to the other, is one {@code C ...} or {@code D ...} line of bounded length with no control
 * character but tab.
 */
class AccountPipelineFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyInputKeepsThePipelineSafe(FuzzedDataProvider data) {
        AccountTestServer server = new AccountTestServer();
        EmbeddedChannel bob = server.login("bob");
        EmbeddedChannel alice = server.login("alice");

        String toAlice = PipelineFuzzing.feed(alice, data);
        String toBob = AccountTestServer.output(bob);
        bob.finishAndReleaseAll();

        assertSafeFrames(toAlice);
        assertSafeFrames(toBob);
    }

    private static void assertSafeFrames(String output) {
        // An invalid byte becomes U+FFFD, three bytes: a relayed frame may triple.
        List<String> lines = PipelineFuzzing.safeLines(output, 3 * AccountTestServer.MAX_FRAME + 1024);
        assertThat(lines.get(lines.size() - 1)).as("output ends with a line end").isEmpty();
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).matches("[CD] [^\\p{Cc}&&[^\\t]]*");
        }
    }
}
