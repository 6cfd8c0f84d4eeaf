package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.text.NameKeys;
import org.junit.jupiter.api.Test;

class IrcCasemappingTest {

    @Test
    void onlyAsciiLettersFold() {
        assertThat(IrcCasemapping.fold("AliCE[]\\~")).isEqualTo("alice[]\\~");
        assertThat(IrcCasemapping.fold("\u00C4\u0130K")).isEqualTo("\u00C4\u0130k");
        assertThat(IrcCasemapping.fold("already")).isSameAs("already");
    }

    @Test
    void rfc1459PairsAreDifferentNames() {
        // Parley keeps a[ and a{ apart on every other protocol, so IRC must too.
        assertThat(IrcCasemapping.same("a[", "a{")).isFalse();
        assertThat(IrcCasemapping.same("a\\", "a|")).isFalse();
        assertThat(IrcCasemapping.same("a~", "a^")).isFalse();
        assertThat(NameKeys.key("a[")).isNotEqualTo(NameKeys.key("a{"));
        assertThat(IrcCasemapping.same("Alice", "aLICE")).isTrue();
    }

    @Test
    void onAsciiItIsParleysOwnNameAndRoomKey() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            all.append(c);
        }
        String ascii = all.toString();
        assertThat(IrcCasemapping.fold(ascii)).isEqualTo(NameKeys.key(ascii));
    }

    @Test
    void theIsupportValueIsAscii() {
        assertThat(IrcIsupport.parley("Parley", 100).value("CASEMAPPING")).isEqualTo("ascii");
    }
}
