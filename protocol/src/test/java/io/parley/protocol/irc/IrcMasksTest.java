package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrcMasksTest {

    @Test
    void aShortMaskIsCompletedWithStars() {
        assertThat(IrcMasks.normalize("alice")).isEqualTo("alice!*@*");
        assertThat(IrcMasks.normalize("~a@host")).isEqualTo("*!~a@host");
        assertThat(IrcMasks.normalize("alice!u")).isEqualTo("alice!u@*");
        assertThat(IrcMasks.normalize("alice!u@h")).isEqualTo("alice!u@h");
        assertThat(IrcMasks.normalize("!@")).isEqualTo("*!*@*");
        assertThat(IrcMasks.normalize("*")).isEqualTo("*!*@*");
    }

    @Test
    void starsAndQuestionMarksMatchIgnoringAsciiCase() {
        assertThat(IrcMasks.matches("*!*@*", "alice!~a@127.0.0.1")).isTrue();
        assertThat(IrcMasks.matches("ALICE!*@*", "alice!~a@127.0.0.1")).isTrue();
        assertThat(IrcMasks.matches("al?ce!*@*.0.0.1", "alice!~a@127.0.0.1")).isTrue();
        assertThat(IrcMasks.matches("bob!*@*", "alice!~a@127.0.0.1")).isFalse();
        assertThat(IrcMasks.matches("a*e", "ae")).isTrue();
        assertThat(IrcMasks.matches("a*e", "a")).isFalse();
        assertThat(IrcMasks.matches("", "")).isTrue();
        assertThat(IrcMasks.matches("?", "")).isFalse();
        assertThat(IrcMasks.matches("a[b", "A[B")).isTrue();
        assertThat(IrcMasks.matches("a[b", "a{b")).isFalse(); // ascii, not rfc1459
    }

    @Test
    void otherProtocolsUsersAreMatchedByTheirParleyHost() {
        String source = IrcSources.otherProtocol("alice smith", "tcd");
        assertThat(IrcMasks.matches(IrcMasks.normalize("*@tcd.parley"), source)).isTrue();
        assertThat(IrcMasks.matches(IrcMasks.normalize("`alice`20`smith"), source)).isTrue();
        assertThat(IrcMasks.matches(IrcMasks.normalize("alice"), source)).isFalse();
    }

    @Test
    void aPathologicalMaskStaysFast() {
        String mask = "*a".repeat(50) + "b";
        String text = "a".repeat(5000);
        assertThat(IrcMasks.matches(mask, text)).isFalse(); // exponential with naive backtracking
    }
}
