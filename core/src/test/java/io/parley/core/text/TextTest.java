package io.parley.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What another client gets of a client's text: nothing that breaks, hides or reorders what it shows. */
class TextTest {

    @Test
    void controlCharactersAreReplaced() {
        assertThat(Text.clean("red \u001b[31malert\u0007\r\u0085", false)).isEqualTo("red \uFFFD[31malert\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void bidirectionalControlsAreReplacedSoTextCannotReadBackwards() {
        assertThat(Text.clean("invoice\u202Efdp.exe", false)).isEqualTo("invoice\uFFFDfdp.exe");
        assertThat(Text.clean("\u2067isolate\u2069", false)).isEqualTo("\uFFFDisolate\uFFFD");
    }

    @Test
    void lineAndParagraphSeparatorsAreReplacedSoTextCannotStartALine() {
        assertThat(Text.clean("hi\u2028bob: fake\u2029", true)).isEqualTo("hi\uFFFDbob: fake\uFFFD");
    }

    @Test
    void invisibleCharactersAreReplaced() {
        // A zero-width space, a byte-order mark, and the tag character that spells an invisible 'A'.
        assertThat(Text.clean("zero\u200Bwidth\uFEFF\uDB40\uDC41", false)).isEqualTo("zero\uFFFDwidth\uFFFD\uFFFD");
    }

    @Test
    void emojiSequencesTabsAndOtherScriptsAreKept() {
        String text = "\uD83D\uDC69\u200D\uD83D\uDCBB \u2764\uFE0F\tcaf\u00E9 \u65E5\u672C \u0645\u0631\u062D\u0628\u0627";

        assertThat(Text.clean(text, false)).isEqualTo(text);
    }

    @Test
    void aLineFeedIsKeptOnlyInMultiLineText() {
        assertThat(Text.clean("one\ntwo", true)).isEqualTo("one\ntwo");
        assertThat(Text.clean("one\ntwo", false)).isEqualTo("one\uFFFDtwo");
    }
}
