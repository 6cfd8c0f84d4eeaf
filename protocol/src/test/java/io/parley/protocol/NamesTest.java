package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"bob:", "bob\uA789 hi", "bob\uFF1A hi", "bob\u2236 hi", "bob\u02D0 hi", "bob\u05C3 hi",
        "bob\uFE13 hi", "bob\uFE55 hi", "bob\u205A hi", "bob\uA4FD hi"})
    void aColonOrALookAlikeAnywhereIsRefused(String name) {
        assertThat(Names.problem(name, 32)).get().asString().contains("':'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"* alice joined lobby", "*alice", "\u2217 alice", "\uFF0A alice", "\uFE61 alice",
        "\u204E alice", "\u066D alice", "\u2800* alice", "\u3164* alice"})
    void aStarOrALookAlikeFirstIsRefused(String name) {
        assertThat(Names.problem(name, 32)).get().asString().contains("must not start with").contains("'*'");
    }

    @Test
    void ordinaryNamesInAnyScriptPass() {
        for (String name : new String[] {"alice", "a*b", "Ana Mar\u00EDa", "o'neil", "\u540D\u524D", "\u0411\u043E\u0440\u0438\u0441",
            "x-y_z.1", "\u0645\u062D\u0645\u062F", "a\u00B7b"}) {
            assertThat(Names.problem(name, 32)).as(name).isEmpty();
        }
    }
}
