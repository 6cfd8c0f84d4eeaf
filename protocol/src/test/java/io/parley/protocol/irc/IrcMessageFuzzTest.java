package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The IRC wire layer on any input (until the IRC pipeline exists and joins the pipeline fuzz
 * targets): a line parses or is refused with a reason, and what is parsed writes back as one line
 * that parses to the same message; any word is a nick and a channel of at most one name, never an
 * exception. Runs its regression inputs in {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class IrcMessageFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyLineParsesToAMessageThatWritesBackOrIsRefused(FuzzedDataProvider data) throws Exception {
        String line = data.consumeRemainingAsString();
        IrcMessage message;
        try {
            message = IrcMessage.parse(line);
        } catch (IrcSyntaxException refused) {
            return;
        }
        String written = message.toLine();
        assertThat(written).doesNotContain("\0", "\r", "\n");
        assertThat(IrcMessage.parse(written)).isEqualTo(message);
        for (String param : message.params()) {
            IrcNicks.toName(param).ifPresent(name -> assertThat(IrcCasemapping.same(IrcNicks.toNick(name), param)).isTrue());
            IrcChannels.toRoom(param).ifPresent(room -> assertThat(IrcCasemapping.same(IrcChannels.toChannel(room), param)).isTrue());
            IrcMasks.matches(param, written);
        }
    }
}
