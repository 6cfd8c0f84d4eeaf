package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcLimitsTest {

    @Test
    void utf8LengthIsTheEncodedSize() {
        for (String text : new String[] {"", "abc", "h\u00E9", "\u4E2D\u6587", "\uD83D\uDE00", "a\uD83D\uDC68\u200D\uD83D\uDC69b"}) {
            assertThat(IrcLimits.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(IrcLimits.utf8Length("\uD83D")).isEqualTo(3); // a lone surrogate is written as U+FFFD
    }

    @Test
    void theTextBudgetOfARelayedMessageLeavesRoomForItsSource() {
        int budget = IrcLimits.maxTextBytes("alice!~a@127.0.0.1", "PRIVMSG", "#lobby");
        String text = "x ".repeat(budget / 2);
        assertThat(IrcMessage.from("alice!~a@127.0.0.1", "PRIVMSG", "#lobby", text.substring(0, budget)).bodyBytes())
                .isEqualTo(IrcLimits.MAX_BODY_BYTES);
        for (String piece : IrcLimits.split("\u00E9".repeat(600), budget)) {
            assertThat(IrcMessage.from("alice!~a@127.0.0.1", "PRIVMSG", "#lobby", piece).fitsLimits()).isTrue();
        }
    }

    @Test
    void aShortTextIsOnePiece() {
        assertThat(IrcLimits.split("hello", 10)).containsExactly("hello");
        assertThat(IrcLimits.split("", 10)).containsExactly("");
    }

    @Test
    void aLongTextIsCutAtSpaces() {
        assertThat(IrcLimits.split("one two three four", 9)).containsExactly("one two", "three", "four");
    }

    @Test
    void aWordLongerThanAPieceIsCutBetweenCharactersNeverInsideOne() {
        String text = "\uD83D\uDE00".repeat(5) + "\u00E9\u00E9\u00E9";
        List<String> pieces = IrcLimits.split(text, 9);
        assertThat(String.join("", pieces)).isEqualTo(text);
        for (String piece : pieces) {
            assertThat(IrcLimits.utf8Length(piece)).isLessThanOrEqualTo(9);
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
        }
    }

    @Test
    void thePiecesOfALongMessageEachFitAndKeepEveryWord() {
        String text = ("lorem ipsum \u4E2D\u6587 dolor ").repeat(100).strip();
        List<String> pieces = IrcLimits.split(text, 400);
        assertThat(pieces).hasSizeGreaterThan(1);
        pieces.forEach(piece -> assertThat(IrcLimits.utf8Length(piece)).isLessThanOrEqualTo(400));
        assertThat(String.join(" ", pieces)).isEqualTo(text);
    }
}
