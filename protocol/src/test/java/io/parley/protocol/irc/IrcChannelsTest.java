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

class IrcChannelsTest {

    private static final List<String> ROOMS = List.of("lobby", "Lobby", "caf\u00E9", "\u4E2D\u6587", "my room", "a,b",
            "a`b", "`", "#x", "&x", "a:b", "a\u0007b", "a\u00A0b", "a\u200Bb", "x.y-z_1", "\uD83D\uDE00", "!bang");

    @Test
    void aChannelIsTheRoomOfTheSameName() {
        assertThat(IrcChannels.toChannel("lobby")).isEqualTo("#lobby");
        assertThat(IrcChannels.toRoom("#lobby")).contains("lobby");
        assertThat(IrcChannels.toChannel("caf\u00E9")).isEqualTo("#caf\u00E9");
        assertThat(IrcChannels.toChannel("#x")).isEqualTo("##x");
        assertThat(IrcChannels.toRoom("##x")).contains("#x");
    }

    @Test
    void roomsThatAreNotChannelNamesAreEscaped() {
        assertThat(IrcChannels.toChannel("my room")).isEqualTo("#`my`20`room");
        assertThat(IrcChannels.toChannel("a,b")).isEqualTo("#`a`2c`b");
        assertThat(IrcChannels.toChannel("a`b")).isEqualTo("#`a`60`b");
        assertThat(IrcChannels.toChannel("a\u00A0b")).isEqualTo("#`a`a0`b");
        assertThat(IrcChannels.toChannel("a\u200Bb")).isEqualTo("#`a`200b`b");
    }

    @Test
    void everyRoomComesBackFromItsChannelWhichIsOneWord() throws Exception {
        for (String room : ROOMS) {
            String channel = IrcChannels.toChannel(room);
            assertThat(IrcChannels.toRoom(channel)).as(room).contains(room);
            assertThat(channel).as(room).doesNotContain(" ", ",", "\u0007", "\0", "\r", "\n").startsWith("#");
            assertThat(IrcMessage.parse("JOIN " + channel + " key").params()).containsExactly(channel, "key");
        }
    }

    @Test
    void twoRoomsShareAChannelOnlyIfParleyTakesThemForOneRoom() {
        Random random = new Random(14);
        String alphabet = "aA `,#\u00E9\u00C9:\u4E2D";
        Map<String, String> keyByFoldedChannel = new HashMap<>();
        for (int n = 0; n < 20000; n++) {
            StringBuilder room = new StringBuilder();
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                room.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String folded = IrcCasemapping.fold(IrcChannels.toChannel(room.toString()));
            String key = NameKeys.key(room.toString());
            String earlier = keyByFoldedChannel.putIfAbsent(folded, key);
            assertThat(earlier == null || earlier.equals(key)).as(room + " -> " + folded).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lobby", "#", "", "#a`b", "#`lobby", "#`a`020`b", "#`a b", "&lobby", "#a b", "#a,b"})
    void aNameNoRoomIsShownAsStandsForNone(String channel) {
        assertThat(IrcChannels.toRoom(channel)).as(channel).isEmpty();
    }

    @Test
    void aClientMayJoinAValidChannelUpToChannellenBytes() {
        assertThat(IrcChannels.problem("#lobby")).isEmpty();
        assertThat(IrcChannels.problem("#`my`20`room")).isEmpty();
        assertThat(IrcChannels.problem("#" + "a".repeat(IrcChannels.CHANNELLEN - 1))).isEmpty();
        assertThat(IrcChannels.problem("#" + "a".repeat(IrcChannels.CHANNELLEN))).get().asString().contains("bytes");
        assertThat(IrcChannels.problem("#" + "\u00E9".repeat(32))).isPresent(); // 65 bytes
        assertThat(IrcChannels.problem("lobby")).get().asString().contains("#");
        assertThat(IrcChannels.problem("#a`b")).isPresent();
        assertThat(IrcChannels.isChannel("#x")).isTrue();
        assertThat(IrcChannels.isChannel("alice")).isFalse();
    }
}
