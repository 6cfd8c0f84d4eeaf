package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.protocol.irc.IrcSyntaxException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IrcMessageTest {

    private static IrcMessage parse(String line) throws IrcSyntaxException {
        return IrcMessage.parse(line);
    }

    private static Problem problemOf(String line) {
        try {
            IrcMessage.parse(line);
            throw new AssertionError("parsed: " + line);
        } catch (IrcSyntaxException e) {
            return e.problem();
        }
    }

    @Test
    void aCommandWithMiddleAndTrailingParameters() throws Exception {
        IrcMessage message = parse("PRIVMSG #chan :hello world");
        assertThat(message.tags()).isEmpty();
        assertThat(message.source()).isNull();
        assertThat(message.command()).isEqualTo("PRIVMSG");
        assertThat(message.params()).containsExactly("#chan", "hello world");
    }

    @Test
    void theSourceIsTheWordAfterTheColon() throws Exception {
        IrcMessage message = parse(":nick!user@host PRIVMSG #c :hi");
        assertThat(message.source()).isEqualTo("nick!user@host");
        assertThat(message.params()).containsExactly("#c", "hi");
    }

    @Test
    void verbsAreUpperCasedAndNumericsKept() throws Exception {
        assertThat(parse("privmsg a b").command()).isEqualTo("PRIVMSG");
        assertThat(parse(":srv 001 me :Welcome").command()).isEqualTo("001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 a", "1234 a", "PRIV1 a", "PRIV-MSG a", "\u00C9T\u00C9 a"})
    void aCommandThatIsNeitherLettersNorThreeDigitsIsRefused(String line) {
        assertThat(problemOf(line)).isEqualTo(Problem.BAD_COMMAND);
    }

    /** Cases from the IRCv3 parser test vectors (msg-split), written out here. */
    @Test
    void parserTestVectors() throws Exception {
        assertThat(parse("foo bar baz asdf").params()).containsExactly("bar", "baz", "asdf");
        assertThat(parse(":coolguy foo bar baz :asdf quux").params()).containsExactly("bar", "baz", "asdf quux");
        assertThat(parse(":coolguy foo bar baz :").params()).containsExactly("bar", "baz", "");
        assertThat(parse(":coolguy foo bar baz ::asdf").params()).containsExactly("bar", "baz", ":asdf");
        assertThat(parse(":coolguy foo bar baz :  asdf quux ").params()).containsExactly("bar", "baz", "  asdf quux ");
        assertThat(parse(":coolguy PRIVMSG bar :lol :) ").params()).containsExactly("bar", "lol :) ");
        assertThat(parse(":coolguy foo b\tar baz").params()).containsExactly("b\tar", "baz");
        assertThat(parse(":src JOIN #chan").params()).containsExactly("#chan");
        assertThat(parse(":src JOIN :#chan").params()).containsExactly("#chan");
        assertThat(parse(":src AWAY").params()).isEmpty();
        assertThat(parse(":src AWAY ").params()).isEmpty();
        assertThat(parse(":cool\tguy foo bar baz").source()).isEqualTo("cool\tguy");

        IrcMessage tagged = parse("@a=b;c=32;k;rt=ql7 foo");
        assertThat(tagged.tags()).containsExactly(Map.entry("a", "b"), Map.entry("c", "32"), Map.entry("k", ""),
                Map.entry("rt", "ql7"));
        assertThat(tagged.command()).isEqualTo("FOO");

        IrcMessage escaped = parse("@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764 foo");
        assertThat(escaped.tags()).containsExactly(Map.entry("a", "b\\and\nk"), Map.entry("c", "72 45"),
                Map.entry("d", "gh;764"));

        IrcMessage full = parse("@c;h=;a=b :quux ab cd");
        assertThat(full.tags()).containsExactly(Map.entry("c", ""), Map.entry("h", ""), Map.entry("a", "b"));
        assertThat(full.source()).isEqualTo("quux");
        assertThat(full.command()).isEqualTo("AB");
        assertThat(full.params()).containsExactly("cd");

        assertThat(parse("@tag1=value\\\\ntest COMMAND").tags()).containsEntry("tag1", "value\\ntest");
        assertThat(parse("@tag1=value\\1 COMMAND").tags()).containsEntry("tag1", "value1");
        assertThat(parse("@tag1=value1\\ COMMAND").tags()).containsEntry("tag1", "value1");
        assertThat(parse("@tag1=1;tag2=3;tag3=4;tag1=5 COMMAND").tags())
                .containsExactly(Map.entry("tag1", "5"), Map.entry("tag2", "3"), Map.entry("tag3", "4"));
        assertThat(parse("@+example.com/tag=x;vendor1/x=y COMMAND").tags())
                .containsExactly(Map.entry("+example.com/tag", "x"), Map.entry("vendor1/x", "y"));
    }

    @Test
    void severalSpacesBetweenPartsAndLeadingSpacesAreTolerated() throws Exception {
        IrcMessage message = parse("  @a=1   :src   PRIVMSG    #a    b   :c d  ");
        assertThat(message.tags()).containsEntry("a", "1");
        assertThat(message.source()).isEqualTo("src");
        assertThat(message.params()).containsExactly("#a", "b", "c d  ");
    }

    @Test
    void tagsWithInvalidKeysAreDropped() throws Exception {
        assertThat(parse("@ok=1;bad_key=2;=3;a!b;+;x/=4;v.com/good=5 CMD").tags())
                .containsOnlyKeys("ok", "v.com/good");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "@a=b", "@a=b   ", ":src", ":src  ", "@a=b :src"})
    void aLineWithoutACommandIsEmpty(String line) {
        assertThat(problemOf(line)).isEqualTo(Problem.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRIVMSG #a :x\0y", "PRIVMSG #a :x\ry", "PRIVMSG #a :x\ny", "@a=\0 CMD", "NICK a\0"})
    void aNulCrOrLfAnywhereIsRefused(String line) {
        assertThat(problemOf(line)).isEqualTo(Problem.FORBIDDEN_CHARACTER);
    }

    @Test
    void theBodyMayHave510BytesBeforeItsCrLf() throws Exception {
        String head = "PRIVMSG #a :";
        String fits = head + "x".repeat(510 - head.length());
        assertThat(parse(fits).param(1)).hasSize(510 - head.length());
        assertThat(problemOf(fits + "x")).isEqualTo(Problem.INPUT_TOO_LONG);
    }

    @Test
    void theBodyLimitCountsBytesNotCharacters() throws Exception {
        String head = "PRIVMSG #a :";
        int room = 510 - head.length(); // 498: 166 three-byte characters fit
        assertThat(parse(head + "\u4E2D".repeat(room / 3)).param(1)).hasSize(room / 3);
        assertThat(problemOf(head + "\u4E2D".repeat(room / 3 + 1))).isEqualTo(Problem.INPUT_TOO_LONG);
        assertThat(problemOf(head + "\uD83D\uDE00".repeat(room / 4 + 1))).isEqualTo(Problem.INPUT_TOO_LONG);
    }

    @Test
    void tagsDoNotCountAgainstTheBodyButHaveTheirOwn4094Bytes() throws Exception {
        String body = "PRIVMSG #a :" + "x".repeat(498);
        String tags = "+a=" + "v".repeat(4094 - 3);
        IrcMessage message = parse("@" + tags + " " + body);
        assertThat(message.tags().get("+a")).hasSize(4091);
        assertThat(problemOf("@" + tags + "v " + body)).isEqualTo(Problem.INPUT_TOO_LONG);
    }

    /** irctest's message_tags testLengthLimits: TAGMSG at index 4096 fits, at 4097 it is 417. */
    @Test
    void irctestsTagLengthVectors() throws Exception {
        String atLimit = "@foo=bar;+baz=" + "a".repeat(4081) + " TAGMSG #test";
        assertThat(atLimit.indexOf("TAGMSG")).isEqualTo(4096);
        assertThat(parse(atLimit).tags()).containsEntry("+baz", "a".repeat(4081));
        assertThat(problemOf("@foo=bar;+baz=" + "a".repeat(4082) + " TAGMSG #test")).isEqualTo(Problem.INPUT_TOO_LONG);
        assertThat(parse("@foo=bar;+baz=" + "a".repeat(4081) + " PRIVMSG #test " + "b".repeat(496)).param(1)).hasSize(496);
        assertThat(problemOf("@foo=bar;+baz=" + "a".repeat(4082) + " PRIVMSG #test " + "b".repeat(495)))
                .isEqualTo(Problem.INPUT_TOO_LONG);
        assertThat(parse("PING " + "x".repeat(505)).param(0)).hasSize(505);
        assertThat(problemOf("PING " + "x".repeat(506))).isEqualTo(Problem.INPUT_TOO_LONG);
    }

    @Test
    void theLastParameterGetsAColonOnlyWhenItNeedsOne() {
        assertThat(IrcMessage.of("PRIVMSG", "#a", "hi").toLine()).isEqualTo("PRIVMSG #a hi");
        assertThat(IrcMessage.of("PRIVMSG", "#a", "hi there").toLine()).isEqualTo("PRIVMSG #a :hi there");
        assertThat(IrcMessage.of("PRIVMSG", "#a", "").toLine()).isEqualTo("PRIVMSG #a :");
        assertThat(IrcMessage.of("PRIVMSG", "#a", ":)").toLine()).isEqualTo("PRIVMSG #a ::)");
        assertThat(IrcMessage.of("AWAY").toLine()).isEqualTo("AWAY");
        assertThat(IrcMessage.from("srv", "001", "me", "Welcome to Parley").toLine()).isEqualTo(":srv 001 me :Welcome to Parley");
    }

    @Test
    void tagsAreWrittenEscapedAndValuelessTagsBare() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("time", "2026-12-03T05:00:00.000Z");
        tags.put("+draft/react", "a;b c\\d\r\n");
        tags.put("bot", "");
        IrcMessage message = new IrcMessage(tags, "n!u@h", "PRIVMSG", List.of("#a", "x"));
        assertThat(message.toLine()).isEqualTo(
                "@time=2026-12-03T05:00:00.000Z;+draft/react=a\\:b\\sc\\\\d\\r\\n;bot :n!u@h PRIVMSG #a x");
    }

    @Test
    void escapingRoundTripsAndNeverWritesANulCrLfSpaceOrSemicolon() {
        String value = "a;b c\\d\re\nf\\:g\\s";
        String escaped = IrcTags.escapeValue(value);
        assertThat(escaped).doesNotContain(";", " ", "\r", "\n");
        assertThat(IrcTags.unescapeValue(escaped)).isEqualTo(value);
        assertThat(IrcTags.escapeValue("a\0b")).isEqualTo("ab");
    }

    @Test
    void aMessageThatCouldNotBeWrittenAsOneLineCannotBeBuilt() {
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#a", "hi\r\nQUIT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#a", "x\ny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#a", "x\0y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", ":a", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIV MSG")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.from("a b", "PING", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.from("a\r", "PING", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.from("", "PING", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PING").withTags(Map.of("a b", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PING").withTags(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesAreMeasuredAsWritten() {
        IrcMessage message = IrcMessage.from("s", "PRIVMSG", "#a", "h\u00E9").withTags(Map.of("a", "b c"));
        assertThat(message.toLine()).isEqualTo("@a=b\\sc :s PRIVMSG #a h\u00E9");
        assertThat(message.tagBytes()).isEqualTo("a=b\\sc".length());
        assertThat(message.bodyBytes()).isEqualTo(":s PRIVMSG #a h\u00E9".length() + 1 + 2);
        assertThat(message.fitsLimits()).isTrue();
        assertThat(IrcMessage.of("PRIVMSG", "#a", "x".repeat(500)).fitsLimits()).isFalse();
        assertThat(IrcMessage.of("PING").tagBytes()).isZero();
    }

    @Test
    void whatIsWrittenParsesBackToTheSameMessage() throws Exception {
        Random random = new Random(14);
        String alphabet = "ab:; \\=\u00E9\u4E2D@!#+/.-\t";
        for (int n = 0; n < 2000; n++) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int t = random.nextInt(3); t > 0; t--) {
                tags.put((random.nextBoolean() ? "+" : "") + "k" + t, word(random, alphabet, 0));
            }
            List<String> params = new ArrayList<>();
            for (int p = random.nextInt(5); p > 0; p--) {
                params.add(word(random, "ab#!@\u00E9.", 1));
            }
            if (random.nextBoolean()) {
                params.add(word(random, alphabet, 0));
            }
            String source = random.nextBoolean() ? "n" + n + "!u@h" : null;
            IrcMessage message = new IrcMessage(tags, source, random.nextBoolean() ? "PRIVMSG" : "005", params);
            assertThat(IrcMessage.parse(message.toLine())).as(message.toLine()).isEqualTo(message);
        }
    }

    @Test
    void anyLineParsesOrIsRefusedWithAReasonAndNothingElse() {
        Random random = new Random(417);
        String alphabet = "@:; =\\+/.-aZ09#!\0\r\t\u00E9\uD83D\uDE00\uD800";
        for (int n = 0; n < 20000; n++) {
            String line = word(random, alphabet, 0) + word(random, alphabet, 0) + word(random, alphabet, 0);
            try {
                IrcMessage message = IrcMessage.parse(line);
                assertThat(IrcMessage.parse(message.toLine())).isEqualTo(message);
            } catch (IrcSyntaxException refused) {
                assertThat(refused.problem()).isNotNull();
            }
        }
    }

    private static String word(Random random, String alphabet, int min) {
        StringBuilder word = new StringBuilder();
        for (int i = min + random.nextInt(6); i > 0; i--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
