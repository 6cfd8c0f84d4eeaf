package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcIsupportTest {

    private static List<String> tokensOf(List<IrcMessage> lines) {
        List<String> tokens = new ArrayList<>();
        for (IrcMessage line : lines) {
            tokens.addAll(line.params().subList(1, line.params().size() - 1));
        }
        return tokens;
    }

    @Test
    void parleysTokensFitOnLinesOfAtMost13TokensAnd512Bytes() {
        List<IrcMessage> lines = IrcIsupport.parley("Parley", 100).lines("My.Little.Server", "a".repeat(IrcNicks.NICKLEN));
        assertThat(lines).hasSizeGreaterThan(1);
        for (IrcMessage line : lines) {
            assertThat(line.source()).isEqualTo("My.Little.Server");
            assertThat(line.command()).isEqualTo("005");
            assertThat(line.param(0)).isEqualTo("a".repeat(IrcNicks.NICKLEN));
            assertThat(line.params().get(line.params().size() - 1)).isEqualTo("are supported by this server");
            assertThat(line.params().size() - 2).isBetween(1, IrcIsupport.MAX_TOKENS_PER_LINE);
            assertThat(line.bodyBytes()).isLessThanOrEqualTo(IrcLimits.MAX_BODY_BYTES);
        }
        assertThat(tokensOf(lines)).contains("CASEMAPPING=ascii", "CHANTYPES=#", "PREFIX=(ov)@+", "NICKLEN=32",
                "CHANNELLEN=64", "TOPICLEN=" + IrcIsupport.TEXT_LENGTH, "CHANMODES=beI,k,l,Cimnst", "CHATHISTORY=100", "WHOX", "NETWORK=Parley",
                "MONITOR=100", "EXCEPTS=e", "INVEX=I", "EXTBAN=,m", "MAXLIST=b:100,e:100,I:100", "STATUSMSG=@+", "BOT=B",
                "ELIST=CMNTU");
    }

    @Test
    void aTopicOfTopiclenFromTheLongestSourceFitsOneLine() {
        String source = "n".repeat(IrcNicks.NICKLEN) + "!" + "u".repeat(IrcIsupport.USERLEN) + "@" + "h".repeat(IrcIsupport.HOSTLEN);
        String channel = "#" + "c".repeat(IrcChannels.CHANNELLEN - 1);
        IrcMessage topic = IrcMessage.from(source, "TOPIC", channel, "t " + "t".repeat(IrcIsupport.TEXT_LENGTH - 2));
        assertThat(topic.bodyBytes()).isEqualTo(IrcLimits.MAX_BODY_BYTES);
        assertThat(IrcIsupport.TEXT_LENGTH).isGreaterThanOrEqualTo(300);
    }

    @Test
    void valuesAreEscaped() {
        List<IrcMessage> lines = new IrcIsupport().add("NETWORK", "My Net=\\x").lines("s", "me");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).toLine()).isEqualTo(":s 005 me NETWORK=My\\x20Net\\x3D\\x5Cx :are supported by this server");
    }

    @Test
    void everyTokenIsAsciiEvenForANonAsciiNetworkName() {
        List<IrcMessage> lines = new IrcIsupport().add("NETWORK", "Parl\u00E9y \uD83D\uDE00").lines("s", "me");
        assertThat(lines.get(0).param(1)).isEqualTo("NETWORK=Parl\\xC3\\xA9y\\x20\\xF0\\x9F\\x98\\x80");
        for (IrcMessage line : IrcIsupport.parley("R\u00E9seau", 100).lines("s", "me")) {
            line.params().subList(1, line.params().size() - 1).forEach(token -> assertThat(token).matches("\\p{ASCII}+"));
        }
    }

    @Test
    void manyOrLongTokensGoOnSeveralLinesInOrder() {
        IrcIsupport isupport = new IrcIsupport();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            isupport.add("T" + i, "v".repeat(i * 3));
            expected.add("T" + i + (i == 0 ? "" : "=" + "v".repeat(i * 3)));
        }
        List<IrcMessage> lines = isupport.lines("server.example", "nick");
        assertThat(tokensOf(lines)).isEqualTo(expected);
        lines.forEach(line -> assertThat(line.bodyBytes()).isLessThanOrEqualTo(512));
        lines.forEach(line -> assertThat(line.params().size() - 2).isLessThanOrEqualTo(13));
        assertThat(lines.size()).isGreaterThan(40 / 13);
    }

    @Test
    void aTokenIsReplacedOrWithdrawn() {
        IrcIsupport isupport = new IrcIsupport().add("A", "1").add("B").add("A", "2").remove("B");
        assertThat(tokensOf(isupport.lines("s", "me"))).containsExactly("A=2", "-B");
    }

    @Test
    void aTokenThatCannotBeSentIsRefused() {
        assertThatThrownBy(() -> new IrcIsupport().add("A B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IrcIsupport().add("-A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IrcIsupport().add("A", "x".repeat(600)).lines("s", "me"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
