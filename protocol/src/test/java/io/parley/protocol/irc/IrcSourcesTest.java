package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IrcSourcesTest {

    @Test
    void otherProtocolsUsersComeFromAHostNoClientCanHave() throws Exception {
        assertThat(IrcSources.otherProtocol("alice smith", "TCD")).isEqualTo("`alice`20`smith!tcd@tcd.parley");
        assertThat(IrcSources.otherProtocol("bob", "line")).isEqualTo("bob!line@line.parley");
        IrcMessage relayed = IrcMessage.parse(":" + IrcSources.otherProtocol("a!b@c d", "tcd") + " PRIVMSG #lobby :hi");
        String source = relayed.source();
        assertThat(source.chars().filter(c -> c == '!').count()).isEqualTo(1);
        assertThat(source.chars().filter(c -> c == '@').count()).isEqualTo(1);
        assertThat(IrcNicks.toName(source.substring(0, source.indexOf('!')))).contains("a!b@c d");
    }

    @Test
    void anIrcUsersUserNameIsCleanedAndCut() {
        assertThat(IrcSources.ircUser("alice")).isEqualTo("~alice");
        assertThat(IrcSources.ircUser("a l!i@c\u00E9e")).isEqualTo("~alice");
        assertThat(IrcSources.ircUser("x".repeat(40))).hasSize(IrcIsupport.USERLEN);
        assertThat(IrcSources.ircUser("!!!")).isEqualTo("~u");
    }

    @Test
    void aPartThatWouldBreakTheSourceIsRefused() {
        assertThatThrownBy(() -> IrcSources.of("a b", "u", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcSources.of("a", "u@x", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcSources.of("a", "u", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcSources.otherProtocol("a", "t c d")).isInstanceOf(IllegalArgumentException.class);
    }
}
