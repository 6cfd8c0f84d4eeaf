package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.text.NameKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IrcNicksTest {

    /** Names every protocol may produce, valid nicks or not. */
    private static final List<String> NAMES = List.of("alice", "Bob", "a[b]c", "x_y-z", "{pipe|}", "\\o/", "^caret",
            "alice smith", "Ana Mar\u00EDa", "Jos\u00E9", "o'neil", "a*b", "x.y", "1alice", "-dash", "a`b", "`",
            "``", "`alice", "`20`", "\u540D\u524D", "\uD83D\uDE00", "a,b", "a!b@c", "#chan", "&x", "@op", "+v",
            "a:b", "a\u00A0b", "_", "a".repeat(40), "a b".repeat(20));

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob", "a[b]c", "x_y-z", "{pipe|}", "\\o/", "^caret", "_", "A1-"})
    void aNameMadeOfNickCharactersIsItsOwnNick(String name) {
        // "\\o/" has a slash: not a nick character, so it is the one escaped case here.
        if (name.contains("/")) {
            assertThat(IrcNicks.toNick(name)).isEqualTo("`\\o`2f`");
        } else {
            assertThat(IrcNicks.toNick(name)).isEqualTo(name);
            assertThat(IrcNicks.toName(name)).contains(name);
        }
    }

    @Test
    void otherNamesAreEscapedReadably() {
        assertThat(IrcNicks.toNick("alice smith")).isEqualTo("`alice`20`smith");
        assertThat(IrcNicks.toNick("Jos\u00E9")).isEqualTo("`Jos`e9`");
        assertThat(IrcNicks.toNick("1alice")).isEqualTo("`1alice");
        assertThat(IrcNicks.toNick("-dash")).isEqualTo("`-dash");
        assertThat(IrcNicks.toNick("a`b")).isEqualTo("`a`60`b");
        assertThat(IrcNicks.toNick("\uD83D\uDE00")).isEqualTo("``1f600`");
    }

    @Test
    void everyNameComesBackFromItsNick() {
        for (String name : NAMES) {
            assertThat(IrcNicks.toName(IrcNicks.toNick(name))).as(name).contains(name);
        }
    }

    @Test
    void everyNickIsOneWordAClientParsesAsANick() throws Exception {
        for (String name : NAMES) {
            String nick = IrcNicks.toNick(name);
            assertThat(nick).as(name).doesNotContain(" ", ",", "!", "@", "*", "?", ":", ".", "\0", "\r", "\n");
            assertThat(nick.chars()).as(name).allMatch(c -> c > 0x20 && c < 0x7F);
            assertThat(nick.charAt(0)).as(name).isNotIn('#', '&', '+', '%', '~', '$', '-', '0', '1', '2', '3', '4', '5',
                    '6', '7', '8', '9');
            IrcMessage message = IrcMessage.parse(":" + nick + "!u@h PRIVMSG " + nick + " :hi");
            assertThat(message.source()).isEqualTo(nick + "!u@h");
            assertThat(message.params()).containsExactly(nick, "hi");
        }
    }

    @Test
    void twoNamesShareANickOnlyIfParleyTakesThemForOneName() {
        Random random = new Random(14);
        String alphabet = "aAbB `_[{|}]\u00E9\u00C9 1-.\u4E2D";
        Map<String, String> keyByFoldedNick = new HashMap<>();
        for (int n = 0; n < 20000; n++) {
            StringBuilder name = new StringBuilder();
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String folded = IrcCasemapping.fold(IrcNicks.toNick(name.toString()));
            String key = NameKeys.key(name.toString());
            String earlier = keyByFoldedNick.putIfAbsent(folded, key);
            assertThat(earlier == null || earlier.equals(key)).as(name + " -> " + folded).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"`alice", "`41`", "`alice`020`smith", "`alice`20", "`alice``smith", "`zz`", "`", "``",
        "`d800`", "`110000`", "`alice`1234567`", "`a`-1`", "`a`+20`b", "`a`-20`b", "a`b", "1alice", "-x", "a b", "", "a.b", "`a`2e`b`"})
    void aNickNoNameIsShownAsStandsForNone(String nick) {
        // "`a`2e`b`": trailing backtick opens an escape that never closes.
        assertThat(IrcNicks.toName(nick)).as(nick).isEmpty();
    }

    @Test
    void anyStringIsANickOfOneNameOrOfNoneWithoutThrowing() {
        Random random = new Random(432);
        String alphabet = "`aZ09-+ \u00E9fF\uD800";
        for (int n = 0; n < 20000; n++) {
            StringBuilder nick = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                nick.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            IrcNicks.toName(nick.toString())
                    .ifPresent(name -> assertThat(IrcCasemapping.same(IrcNicks.toNick(name), nick.toString())).isTrue());
            IrcChannels.toRoom("#" + nick)
                    .ifPresent(room -> assertThat(IrcCasemapping.same(IrcChannels.toChannel(room), "#" + nick)).isTrue());
        }
    }

    @Test
    void escapesAreReadInAnyAsciiCase() {
        assertThat(IrcNicks.toName("`ALICE`20`SMITH")).contains("ALICE SMITH");
        assertThat(IrcNicks.toName("`jos`E9`")).contains("jos\u00E9");
    }

    @Test
    void aClientMayTakeAPlainOrEscapedNickUpToNicklen() {
        assertThat(IrcNicks.problem("alice")).isEmpty();
        assertThat(IrcNicks.problem("`alice`20`smith")).isEmpty();
        assertThat(IrcNicks.problem("a".repeat(IrcNicks.NICKLEN))).isEmpty();
        assertThat(IrcNicks.problem("a".repeat(IrcNicks.NICKLEN + 1))).get().asString().contains("1-32");
        assertThat(IrcNicks.problem("")).isPresent();
        assertThat(IrcNicks.problem("1abc")).get().asString().contains("not starting with a digit");
        assertThat(IrcNicks.problem("a.b")).isPresent();
        assertThat(IrcNicks.problem("`alice")).isPresent();
        assertThat(IrcNicks.problem("J\u00F6rg")).isPresent();
    }

    @Test
    void nicklenIsWhatIsupportSays() {
        assertThat(IrcIsupport.parley("Parley", 100).value("NICKLEN")).isEqualTo(Integer.toString(IrcNicks.NICKLEN));
        assertThat(IrcNicks.NICKLEN).isGreaterThanOrEqualTo(20); // irctest uses nicks of about 20
    }
}
