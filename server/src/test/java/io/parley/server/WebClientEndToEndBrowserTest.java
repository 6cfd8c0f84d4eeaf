package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Issue 15's "done when", in one go: the server prints a URL; opened in Chromium, a person logs
 * in with an account, is in #lobby, talks with an IRC user (irssi's stand-in) and a line user
 * (nc's), scrolls back through yesterday's messages, and after the laptop slept gets every
 * message missed meanwhile, more than a page of them, each once and in order.
 */
class WebClientEndToEndBrowserTest {

    private static final String PASSWORD = "analytical engine";
    private static final int YESTERDAY = 150;
    private static final int MISSED_EACH = 60;
    private static final Pattern URL = Pattern.compile("Web client listening on port \\d+ .*: open (http://\\S+)");

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private final Map<String, String> config = Map.of(IrcModule.OPER_NAME, "operuser", IrcModule.OPER_PASSWORD, "operpassword");

    @Test
    void aPersonLogsInTalksWithIrcAndLineUsersScrollsBackToYesterdayAndMissesNothingWhileAsleep() throws Exception {
        // Yesterday bob said 150 things in the lobby (written into the store, a second apart).
        server.start(config);
        server.login("ada", PASSWORD).close();
        server.stop();
        long yesterday = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        StoredLobbyHistory.insert(server.data(), "ada", YESTERDAY, yesterday, 1000, i -> "yesterday's line " + (i + 1));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= YESTERDAY; i++) {
            expected.add("bob: yesterday's line " + i);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        server.start(config, new PrintStream(printed, true, StandardCharsets.UTF_8));
        Matcher url = URL.matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(url.find()).as("the line with the URL to open, in: " + printed).isTrue();

        try (Browser ada = Browser.open(1280, 800); IrcClient ivan = IrcClient.registered(server, "ivan");
                WireClient larry = server.connect("line")) {
            ivan.send("CAP REQ :echo-message").next("CAP");
            ivan.send("JOIN #lobby").next("366");
            ivan.send("OPER operuser operpassword").next("381");
            larry.send("larry\n");

            ada.get(url.group(1)).logIn("ada", PASSWORD);
            assertThat(ada.text("my-nick")).isEqualTo("ada (account)");
            ada.awaitChat("bob", "yesterday's line " + YESTERDAY);
            ada.await(d -> !d.findElements(By.cssSelector("#member-list button.member[data-nick='larry']")).isEmpty());

            // Talking: what each says reaches the other two.
            ada.say("good evening, everyone");
            ivan.until(line -> line.matches(":ada!\\S+ PRIVMSG #lobby :?good evening, everyone"));
            readUntil(larry, "ada: good evening, everyone");
            ivanSays(ivan, "evening ada, irssi here");
            ada.awaitChat("ivan", "evening ada, irssi here");
            larrySays(larry, "hi ada, typing into nc");
            ada.awaitChat("larry", "hi ada, typing into nc");
            expected.addAll(List.of("ada: good evening, everyone", "ivan: evening ada, irssi here",
                    "larry: hi ada, typing into nc"));

            // Scrolling back: yesterday, under its own day, from its first line, each once.
            ada.scrollToTheBeginning();
            assertThat(ada.chat()).containsExactlyElementsOf(expected);
            assertThat(ada.script("return document.querySelectorAll('#messages li.day').length")).isNotEqualTo(1L);
            // Each line carries the time the server kept (server-time), not when the page got it.
            assertThat(ada.script("return document.querySelector('#messages li.msg.chat time').dateTime"))
                    .isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(yesterday)));

            // The laptop sleeps: no network, and the server drops the connection. More than a
            // page (CHATHISTORY=100) is said meanwhile.
            ada.offline(true);
            ivan.send("KILL ada :the laptop went to sleep");
            ivan.until(line -> line.matches(":ada!\\S+ QUIT .*"));
            ada.await(d -> "waiting".equals(d.findElement(By.id("connection-state")).getAttribute("data-state")));
            for (int i = 1; i <= MISSED_EACH; i++) {
                ivanSays(ivan, "while you slept, from irc " + i);
                larrySays(larry, "while you slept, from nc " + i);
                expected.add("ivan: while you slept, from irc " + i);
                expected.add("larry: while you slept, from nc " + i);
            }

            // It wakes up: the client reconnects by itself, logs in again and fills the gap.
            ada.offline(false);
            ada.awaitConnected();
            ada.awaitChat("larry", "while you slept, from nc " + MISSED_EACH);
            ivan.until(line -> line.matches(":ada!\\S+ JOIN #lobby.*"));
            ivanSays(ivan, "welcome back, ada");
            ada.awaitChat("ivan", "welcome back, ada");
            expected.add("ivan: welcome back, ada");
            assertThat(ada.chat()).containsExactlyElementsOf(expected);
            ada.say("thanks, I did not miss a thing");
            readUntil(larry, "ada: thanks, I did not miss a thing");
        }
    }

    /** Says {@code text} in #lobby as the IRC user and waits for its echo, so the order is known. */
    private static void ivanSays(IrcClient ivan, String text) {
        ivan.send("PRIVMSG #lobby :" + text);
        ivan.until(line -> line.matches(":ivan!\\S+ PRIVMSG #lobby :?" + Pattern.quote(text)));
    }

    /** Says {@code text} as the line user and waits until the room relays it back. */
    private static void larrySays(WireClient larry, String text) {
        larry.send(text + "\n");
        readUntil(larry, "larry: " + text);
    }

    private static void readUntil(WireClient line, String wanted) {
        while (!line.readLine().equals(wanted)) {
            // other lines of the room: joins, quits, the others' chat
        }
    }
}
