package io.parley.server;

import io.parley.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Line names that would make a line read as another: a colon look-alike ({@code bob꞉ hi}
 * shows as bob saying "hi") or a leading {@code *} ({@code * alice joined lobby} shows as a
 * server notice). Each is refused with a notice and a close, as other bad names are.
 */
class LineNamesThatFakeLinesTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    private WireClient client() {
        return server.connect("line");
    }

    @Test
    void aNameWithAColonLookAlikeIsRefused() {
        client().send("bob\uA789 hi\n")
                .expect("* name must not contain '\uA789' (U+A789), which looks like ':'\n").expectEof();
        client().send("bob\uFF1A hi\n")
                .expect("* name must not contain '\uFF1A' (U+FF1A), which looks like ':'\n").expectEof();
        client().send("bob\u2236 hi\n")
                .expect("* name must not contain '\u2236' (U+2236), which looks like ':'\n").expectEof();
        client().send("bob\uFE55 hi\n")
                .expect("* name must not contain '\uFE55' (U+FE55), which looks like ':'\n").expectEof();
    }

    @Test
    void aNameThatStartsLikeANoticeIsRefused() {
        client().send("* alice joined lobby\n").expect("* name must not start with '*'\n").expectEof();
        client().send("\u2217 alice joined lobby\n")
                .expect("* name must not start with '\u2217' (U+2217), which looks like '*'\n").expectEof();
        // Behind a Braille blank, which shows as nothing.
        client().send("\u2800* alice joined lobby\n")
                .expect("* name must not start with '*'\n").expectEof();
    }

    @Test
    void aStarOrADotInsideANameIsStillFine() {
        WireClient alice = client().send("a*b.c\n");

        alice.send("hi\n").expect("a*b.c: hi\n");
    }
}
