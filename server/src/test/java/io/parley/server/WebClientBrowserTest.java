package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Parley's own web client in a real browser (headless Chromium through Selenium, see
 * {@link Browser}): people in browsers talk with each other and with TCD and IRC users in
 * #lobby, user text stays text, and the screenshots in docs/web.md come from here.
 */
class WebClientBrowserTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(
            IrcModule.OPER_NAME, "operuser", IrcModule.OPER_PASSWORD, "operpassword");

    private String url() {
        return "http://127.0.0.1:" + server.port("web") + "/";
    }

    @Test
    void twoBrowserUsersChatWithEachOtherAndWithTcdIrcAndAccountUsersInTheLobby() throws Exception {
        try (Browser alice = Browser.open(1280, 800); Browser bob = Browser.open(1280, 800);
                IrcClient ivan = IrcClient.registered(server, "ivan");
                TcdClient tess = TcdClient.connect(server.port("tcd"))) {
            TcdClient.Joined lobby = tess.join("lobby", "tess");
            ivan.send("JOIN #lobby").next("366");
            alice.get(url()).joinAsGuest("alice");
            bob.get(url()).joinAsGuest("bob");
            alice.await(d -> !d.findElements(By.cssSelector("button.member[data-nick='bob']")).isEmpty());
            assertThat(alice.script("return [...document.querySelectorAll('#member-list button.member')]"
                    + ".map(b => b.dataset.nick)"))
                    .asList().contains("alice", "bob", "ivan", "tess");

            alice.say("hello from alice");
            bob.awaitChat("alice", "hello from alice");
            ivan.until(line -> line.matches(":alice!\\S+ PRIVMSG #lobby :?hello from alice"));
            awaitTcd(tess, lobby.ref(), "alice", "hello from alice");

            bob.say("hi alice, bob here");
            alice.awaitChat("bob", "hi alice, bob here");

            ivan.send("PRIVMSG #lobby :irc says hi to alice and bob, see https://example.org/docs?a=1.");
            alice.awaitChat("ivan", "irc says hi to alice and bob, see https://example.org/docs?a=1.");
            bob.awaitChat("ivan", "irc says hi to alice and bob, see https://example.org/docs?a=1.");

            tess.send(TcdMessages.chat(lobby.ref(), lobby.joinId(), "tess", "tcd here too"));
            alice.awaitChat("tess", "tcd here too");
            bob.awaitChat("tess", "tcd here too");
            awaitTcd(tess, lobby.ref(), "bob", "hi alice, bob here");

            // An account protocol user's broadcast reaches the lobby like any other line.
            try (AccountWire eve = server.login("eve", "correct horse battery")) {
                eve.broadcast("the account protocol says hello");
            }
            alice.awaitChat("eve", "the account protocol says hello");
            bob.awaitChat("eve", "the account protocol says hello");

            // Every line in both browsers, once each, in the order it was said.
            List<String> expected = List.of("alice: hello from alice", "bob: hi alice, bob here",
                    "ivan: irc says hi to alice and bob, see https://example.org/docs?a=1.", "tess: tcd here too",
                    "eve: the account protocol says hello");
            assertThat(alice.chat()).containsSubsequence(expected).doesNotHaveDuplicates();
            assertThat(bob.chat()).containsSubsequence(expected).doesNotHaveDuplicates();

            // Mentions are highlighted (bob's and ivan's lines name alice; her own does not count);
            // the link is a safe one, the sentence's full stop left out.
            assertThat(alice.script("return [...document.querySelectorAll('#messages li.msg.mention .nick')]"
                    + ".map(n => n.textContent)")).asList().containsExactly("bob", "ivan");
            assertThat(alice.script("const a = document.querySelector('#messages a');"
                    + " return [a.href, a.rel, a.target, a.textContent]"))
                    .asList().containsExactly("https://example.org/docs?a=1", "noopener noreferrer", "_blank",
                            "https://example.org/docs?a=1");

            // A private conversation from the member list.
            bob.driver().findElement(By.cssSelector("button.member[data-nick='alice']")).click();
            bob.await(d -> "alice".equals(bob.text("buffer-title")));
            bob.say("just between us");
            alice.await(d -> "1".equals(d.findElement(
                    By.cssSelector("button.buffer[data-buffer='bob'] .badge")).getText()));
            alice.driver().findElement(By.cssSelector("button.buffer[data-buffer='bob']")).click();
            alice.awaitChat("bob", "just between us");
            alice.driver().findElement(By.cssSelector("button.buffer[data-buffer='#lobby']")).click();
            alice.awaitChat("tess", "tcd here too");
            alice.screenshot("web-desktop.png");
            assertThat(alice.lowContrastTexts()).as("texts below 4.5:1 contrast").isEmpty();
            assertThat(bob.lowContrastTexts()).as("texts below 4.5:1 contrast").isEmpty();

            // Everything the page loaded came from Parley itself: no fonts, scripts or styles from elsewhere.
            assertThat(alice.script("return performance.getEntriesByType('resource')"
                    + ".filter(r => !r.name.startsWith(location.origin + '/')).map(r => r.name)")).asList().isEmpty();
            assertThat(alice.script("return performance.getEntriesByType('resource').length")).isNotEqualTo(0L);
        }
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRun() throws Exception {
        try (Browser alice = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            alice.get(url()).joinAsGuest("alice");
            String markup = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"
                    + " <b>bold</b> javascript:alert(1)";
            ivan.send("PRIVMSG #lobby :" + markup);
            alice.awaitChat("ivan", markup);
            assertThat(alice.script("return typeof window.pwned")).isEqualTo("undefined");
            assertThat(alice.script("return document.querySelectorAll('#messages script, #messages img, "
                    + "#messages b, #messages a').length")).isEqualTo(0L);
        }
    }

    @Test
    void onAPhoneSizedScreenTheConversationsAreADrawer() throws Exception {
        try (Browser phone = Browser.open(390, 844); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            phone.get(url()).joinAsGuest("pat");
            ivan.send("PRIVMSG #lobby :pat: welcome! The room is small today.");
            phone.awaitChat("ivan", "pat: welcome! The room is small today.");
            phone.say("thanks, reading from my phone");
            phone.awaitChat("pat", "thanks, reading from my phone");
            assertThat(phone.driver().findElement(By.id("sidebar")).isDisplayed()).isFalse();
            assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            phone.screenshot("web-phone.png");
            phone.driver().findElement(By.id("toggle-sidebar")).click();
            phone.await(d -> d.findElement(By.id("sidebar")).isDisplayed());
            assertThat(phone.lowContrastTexts()).as("texts below 4.5:1 contrast").isEmpty();
        }
    }

    @Test
    void onAPhoneSizedScreenTheKeyboardAloneReachesTheDrawersAndTheMessages() throws Exception {
        try (Browser pat = Browser.open(390, 844); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("CAP REQ :echo-message").next("CAP");
            ivan.send("JOIN #lobby").next("366");
            for (int i = 1; i <= 60; i++) {
                ivan.send("PRIVMSG #lobby :earlier line " + i);
                ivan.until(line -> line.contains("PRIVMSG #lobby"));
            }
            pat.get(url());
            pat.await(d -> "login-nick".equals(pat.focused()));
            pat.keys("pat", Keys.ENTER);
            pat.awaitJoined("#lobby", "pat");
            pat.awaitChat("ivan", "earlier line 60");
            assertThat(pat.focused()).isEqualTo("input");

            // Page Up in the message box scrolls the messages back.
            long bottom = (Long) pat.script("return Math.round(document.getElementById('log').scrollTop)");
            pat.keys(Keys.PAGE_UP);
            pat.await(d -> (Long) pat.script("return Math.round(document.getElementById('log').scrollTop)") < bottom);

            // Alt+C opens the conversations with the focus in them, outlined; Escape closes them.
            pat.alt("c");
            pat.await(d -> d.findElement(By.id("sidebar")).isDisplayed());
            assertThat(pat.script("return document.activeElement.closest('#sidebar') !== null"
                    + " && getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
            pat.keys(Keys.ESCAPE);
            pat.await(d -> !d.findElement(By.id("sidebar")).isDisplayed());
            assertThat(pat.focused()).isEqualTo("input");

            // Tab completes a nick; Shift+Enter starts a new line, each line its own message.
            pat.keys("iv", Keys.TAB);
            assertThat(pat.driver().findElement(By.id("input")).getAttribute("value")).isEqualTo("ivan: ");
            pat.keys("two lines", Keys.chord(Keys.SHIFT, Keys.ENTER), "from my phone", Keys.ENTER);
            ivan.until(line -> line.matches(":pat!\\S+ PRIVMSG #lobby :ivan: two lines"));
            ivan.until(line -> line.matches(":pat!\\S+ PRIVMSG #lobby :from my phone"));
            pat.awaitChat("pat", "from my phone");

            // Alt+M opens the members; Enter on one starts a private conversation there.
            pat.alt("m");
            pat.await(d -> d.findElement(By.id("members")).isDisplayed());
            assertThat(pat.script("return document.activeElement.dataset.nick")).isEqualTo("ivan");
            pat.keys(Keys.ENTER);
            pat.await(d -> "ivan".equals(pat.text("buffer-title")));
            pat.await(d -> !d.findElement(By.id("members")).isDisplayed());
            assertThat(pat.focused()).isEqualTo("input");
            pat.keys("a word in private", Keys.ENTER);
            ivan.until(line -> line.matches(":pat!\\S+ PRIVMSG ivan :a word in private"));
            assertThat(pat.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        }
    }

    @Test
    void everythingWorksFromTheKeyboardAlone() throws Exception {
        try (Browser kim = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby,#gardening").next("366");
            ivan.send("TOPIC #gardening :tomatoes and more").next("TOPIC");
            kim.get(url());
            kim.await(d -> d.switchTo().activeElement().getAttribute("id").equals("login-nick"));
            kim.keys("kim", Keys.ENTER);
            kim.awaitJoined("#lobby", "kim");
            assertThat(kim.focused()).isEqualTo("input");

            // Away state reaches the member list (away-notify), and comes back.
            ivan.send("AWAY :gone for lunch").next("306");
            kim.await(d -> !d.findElements(By.cssSelector("button.member.away[data-nick='ivan']")).isEmpty());

            // Alt+R lists the rooms; typing filters; Tab and Enter join one.
            kim.alt("r");
            kim.await(d -> d.findElements(By.cssSelector("#room-list button.room")).size() >= 2);
            kim.keys("garden");
            kim.await(d -> d.findElements(By.cssSelector("#room-list button.room")).size() == 1);
            assertThat(kim.text("room-list")).contains("#gardening").contains("tomatoes and more");
            kim.keys(Keys.TAB, Keys.ENTER);
            kim.awaitJoined("#gardening", "kim");
            assertThat(kim.text("buffer-topic")).isEqualTo("tomatoes and more");

            // Alt+Up goes back to #lobby, where a private message arrives as an unread count.
            kim.alt(Keys.ARROW_UP);
            kim.await(d -> "#lobby".equals(kim.text("buffer-title")));
            ivan.send("PRIVMSG kim :psst, kim");
            kim.await(d -> !d.findElements(By.cssSelector("button.buffer[data-buffer='ivan'] .badge.mention")).isEmpty());
            kim.alt("4");
            kim.await(d -> "ivan".equals(kim.text("buffer-title")));
            kim.awaitChat("ivan", "psst, kim");
            assertThat(kim.focused()).isEqualTo("input");
            kim.keys("/me waves", Keys.ENTER);
            ivan.until(line -> line.matches(":kim!\\S+ PRIVMSG ivan :\u0001ACTION waves\u0001"));
            kim.awaitChat("* kim", "waves");

            // /part leaves a room: it goes from the conversations.
            kim.alt("3");
            kim.await(d -> "#gardening".equals(kim.text("buffer-title")));
            kim.keys("/part", Keys.ENTER);
            ivan.until(line -> line.matches(":kim!\\S+ PART #gardening.*"));
            kim.await(d -> d.findElements(By.cssSelector("button.buffer[data-buffer='#gardening']")).isEmpty());
        }
    }

    @Test
    void anAccountIsCreatedFromThePageAndLogsInAgainWithItsPassword() throws Exception {
        try (Browser ada = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            ada.get(url());
            ada.await(d -> d.findElement(By.id("login-nick")).isDisplayed());
            ada.driver().findElement(By.cssSelector("input[name=mode][value=create]")).click();
            ada.driver().findElement(By.id("login-nick")).sendKeys("ada");
            ada.driver().findElement(By.id("login-password")).sendKeys("short");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.await(d -> ada.text("login-error").contains("8-256 characters"));
            assertThat(ada.lowContrastTexts()).as("texts below 4.5:1 contrast").isEmpty();

            ada.driver().findElement(By.id("login-password")).clear();
            ada.driver().findElement(By.id("login-password")).sendKeys("analytical engine");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.awaitJoined("#lobby", "ada");
            assertThat(ada.text("my-nick")).isEqualTo("ada (account)");
            ada.say("my account works");
            ivan.until(line -> line.matches(":ada!\\S+ PRIVMSG #lobby :?my account works"));

            // Out, then in again: a wrong password is refused on the form, the right one logs in.
            ada.driver().findElement(By.id("logout")).click();
            ada.await(d -> d.findElement(By.id("login-nick")).isDisplayed());
            ada.driver().findElement(By.cssSelector("input[name=mode][value=login]")).click();
            WebElement nick = ada.driver().findElement(By.id("login-nick"));
            nick.clear();
            nick.sendKeys("ada");
            ada.driver().findElement(By.id("login-password")).sendKeys("wrong password");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.await(d -> ada.text("login-error").startsWith("Login failed"));
            assertThat(ada.driver().findElement(By.id("login-password")).getAttribute("value")).isEmpty();
            ada.driver().findElement(By.id("login-password")).sendKeys("analytical engine");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.awaitJoined("#lobby", "ada");
            ada.awaitChat("ada", "my account works");

            // Nobody else may take the account's name as a guest.
            try (Browser eve = Browser.open(1024, 700)) {
                eve.get(url());
                eve.await(d -> d.findElement(By.id("login-nick")).isDisplayed());
                eve.driver().findElement(By.id("login-nick")).sendKeys("ada");
                eve.driver().findElement(By.id("login-submit")).click();
                eve.await(d -> eve.text("login-error").contains("taken"));
            }
        }
    }

    @Test
    void aReloadRestoresTheConversationFromHistory() throws Exception {
        try (Browser alice = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            alice.get(url()).joinAsGuest("alice");
            for (int i = 1; i <= 3; i++) {
                ivan.send("PRIVMSG #lobby :before the reload " + i);
            }
            alice.awaitChat("ivan", "before the reload 3");
            alice.say("and my own line");
            alice.awaitChat("alice", "and my own line");
            List<String> before = alice.chat();

            // A private conversation, which the server does not keep: the tab does.
            ivan.send("PRIVMSG alice :a private word before the reload");
            alice.awaitMentionBadge("ivan").show("ivan").awaitChat("ivan", "a private word before the reload");
            alice.say("a private answer");
            alice.awaitChat("alice", "a private answer");
            ivan.until(line -> line.matches(":alice!\\S+ PRIVMSG ivan :?a private answer"));
            List<String> privately = alice.chat();
            alice.show("#lobby");

            alice.driver().navigate().refresh();
            alice.awaitConnected();
            alice.await(d -> "#lobby".equals(alice.text("buffer-title")));
            alice.await(d -> alice.chat().containsAll(before));
            assertThat(alice.chat()).containsExactlyElementsOf(before);

            alice.show("ivan");
            assertThat(alice.chat()).containsExactlyElementsOf(privately);
            ivan.until(line -> line.matches(":alice!\\S+ JOIN #lobby.*"));
            ivan.send("PRIVMSG alice :and one after it");
            alice.awaitChat("ivan", "and one after it");
            assertThat(alice.chat()).containsExactly("ivan: a private word before the reload", "alice: a private answer",
                    "ivan: and one after it");
        }
    }

    @Test
    void anAccountLoggingInAgainAfterAReloadGetsItsConversationsBack() throws Exception {
        server.login("ada", "analytical engine").close();
        try (Browser ada = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby,#maths").next("366");
            ada.get(url()).logIn("ada", "analytical engine");
            ada.keys("/join #maths", Keys.ENTER);
            ada.awaitJoined("#maths", "ada");
            ivan.send("PRIVMSG ada :shall we talk about the engine?");
            ada.awaitMentionBadge("ivan").show("ivan").awaitChat("ivan", "shall we talk about the engine?");
            ada.say("gladly");
            ada.awaitChat("ada", "gladly");

            // A reload asks an account for its password again; a wrong one keeps what the tab holds.
            ada.driver().navigate().refresh();
            ada.await(d -> ada.text("login-error").equals("Log in again to go on."));
            assertThat(ada.driver().findElement(By.id("login-nick")).getAttribute("value")).isEqualTo("ada");
            ada.driver().findElement(By.cssSelector("input[name=mode][value=login]")).click();
            ada.driver().findElement(By.id("login-password")).sendKeys("wrong password");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.await(d -> ada.text("login-error").startsWith("Login failed"));
            ada.driver().findElement(By.id("login-password")).sendKeys("analytical engine");
            ada.driver().findElement(By.id("login-submit")).click();
            ada.awaitConnected();
            ada.await(d -> "ivan".equals(ada.text("buffer-title")));
            assertThat(ada.chat()).containsExactly("ivan: shall we talk about the engine?", "ada: gladly");
            assertThat(ada.script("return [...document.querySelectorAll('#buffer-list button.buffer')]"
                    + ".map(b => b.dataset.buffer)")).asList().containsExactly("", "#lobby", "#maths", "ivan");
            ada.show("#maths").awaitJoined("#maths", "ada");

            // Logging out forgets it all: the next login in this tab starts afresh.
            ada.driver().findElement(By.id("logout")).click();
            ada.logIn("ada", "analytical engine");
            assertThat(ada.script("return [...document.querySelectorAll('#buffer-list button.buffer')]"
                    + ".map(b => b.dataset.buffer)")).asList().containsExactly("", "#lobby");
        }
    }

    @Test
    void scrollingUpLoadsOlderMessagesPageByPage() throws Exception {
        try (Browser alice = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("CAP REQ :echo-message").next("CAP");
            ivan.send("JOIN #lobby").next("366");
            int count = 230;
            for (int i = 1; i <= count; i++) {
                ivan.send("PRIVMSG #lobby :line " + i);
                ivan.until(line -> line.contains("PRIVMSG #lobby"));
            }
            alice.get(url()).joinAsGuest("alice");
            alice.awaitChat("ivan", "line " + count);
            assertThat(alice.chat()).as("only the latest page at first").doesNotContain("ivan: line 1");
            alice.scrollToTheBeginning();
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expected.add("ivan: line " + i);
            }
            assertThat(alice.chat()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aForcedDisconnectReconnectsAndFillsTheGap() throws Exception {
        try (Browser alice = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            ivan.send("OPER operuser operpassword").next("381");
            alice.get(url()).joinAsGuest("alice");
            ivan.send("PRIVMSG #lobby :before the cut");
            alice.awaitChat("ivan", "before the cut");

            // The laptop sleeps: its network is gone and the server drops the connection.
            alice.offline(true);
            ivan.send("KILL alice :testing a dropped connection");
            ivan.until(line -> line.matches(":alice!\\S+ QUIT .*"));
            alice.await(d -> "waiting".equals(d.findElement(By.id("connection-state")).getAttribute("data-state")));
            for (int i = 1; i <= 3; i++) {
                ivan.send("PRIVMSG #lobby :while you were away " + i);
            }
            ivan.send("PING barrier").next("PONG");

            alice.offline(false);
            alice.awaitConnected();
            alice.awaitChat("ivan", "while you were away 3");
            ivan.until(line -> line.matches(":alice\\S*!\\S+ JOIN #lobby.*"));
            ivan.send("PRIVMSG #lobby :after the reconnect");
            alice.awaitChat("ivan", "after the reconnect");
            assertThat(alice.chat()).containsSubsequence("ivan: before the cut", "ivan: while you were away 1",
                    "ivan: while you were away 2", "ivan: while you were away 3", "ivan: after the reconnect")
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aMentionOrAPrivateMessageWhileTheTabIsHiddenShowsADesktopNotification() throws Exception {
        try (Browser alice = Browser.open(1024, 700); IrcClient ivan = IrcClient.registered(server, "ivan")) {
            ivan.send("JOIN #lobby").next("366");
            alice.grantNotifications("http://127.0.0.1:" + server.port("web"));
            alice.recordNotifications();
            alice.get(url()).joinAsGuest("alice");
            assertThat(alice.script("return Notification.permission")).isEqualTo("granted");
            assertThat(alice.driver().findElement(By.id("enable-notifications")).isDisplayed()).isFalse();

            // While she looks at the page, a mention is only highlighted.
            ivan.send("PRIVMSG #lobby :alice: you are reading this");
            alice.awaitChat("ivan", "alice: you are reading this");

            // She switches to another tab of the same site: now a mention and a private message
            // notify, an ordinary line does not.
            String chat = alice.openOtherTab(url() + "style.css");
            ivan.send("PRIVMSG #lobby :an ordinary line");
            ivan.send("PRIVMSG #lobby :alice, are you still there?");
            ivan.send("PRIVMSG alice :psst, alice");
            alice.await(d -> notifications(alice).size() == 2);
            assertThat(notifications(alice)).containsExactly(
                    "ivan in #lobby: alice, are you still there? (hidden: true)",
                    "ivan: psst, alice (hidden: true)");

            // Back in the chat the lines are there, the private one as an unread count for her.
            alice.showTab(chat);
            alice.awaitChat("ivan", "alice, are you still there?");
            assertThat(alice.chat()).containsSubsequence("ivan: an ordinary line", "ivan: alice, are you still there?");
            alice.await(d -> !d.findElements(By.cssSelector("button.buffer[data-buffer='ivan'] .badge.mention")).isEmpty());
        }
    }

    /** The desktop notifications the page made, as {@code title: body (hidden: ...)}, read from another tab of its origin. */
    @SuppressWarnings("unchecked")
    private static List<String> notifications(Browser browser) {
        return (List<String>) browser.script("return JSON.parse(localStorage.getItem('notifications') || '[]')"
                + ".map(n => n.title + ': ' + n.body + ' (hidden: ' + n.hidden + ')')");
    }

    /** Reads TCD relays until {@code name}'s {@code text}, skipping others (joins, other chat). */
    private static void awaitTcd(TcdClient tcd, int ref, String name, String text) {
        String wanted = TcdMessages.relay(ref, name, text);
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith(wanted)) {
            seen.append(tcd.readLine());
        }
    }
}
