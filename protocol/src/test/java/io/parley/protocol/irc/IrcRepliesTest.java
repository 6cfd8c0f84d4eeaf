package io.parley.protocol.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IrcRepliesTest {

    private final IrcReplies replies = new IrcReplies("My.Little.Server");

    @Test
    void aNumericGoesToTheNickWithItsTextLast() {
        assertThat(replies.numeric(IrcNumerics.RPL_WELCOME, "alice", "Welcome to the Parley Network, alice").toLine())
                .isEqualTo(":My.Little.Server 001 alice :Welcome to the Parley Network, alice");
        assertThat(replies.numeric(IrcNumerics.ERR_NICKNAMEINUSE, "*", "bob", "Nickname is already in use").toLine())
                .isEqualTo(":My.Little.Server 433 * bob :Nickname is already in use");
        assertThat(replies.numeric(IrcNumerics.RPL_ENDOFNAMES, "alice", "#lobby", "End of /NAMES list").toLine())
                .isEqualTo(":My.Little.Server 366 alice #lobby :End of /NAMES list");
    }

    @Test
    void standardRepliesCarryCommandCodeContextAndDescription() {
        assertThat(replies.standardReply(IrcNumerics.FAIL, "CHATHISTORY", "INVALID_TARGET", "Messages could not be retrieved",
                "LATEST", "#nope").toLine())
                .isEqualTo(":My.Little.Server FAIL CHATHISTORY INVALID_TARGET LATEST #nope :Messages could not be retrieved");
        assertThat(replies.standardReply(IrcNumerics.NOTE, "*", "SERVER_STOPPING", "Parley is stopping").toLine())
                .isEqualTo(":My.Little.Server NOTE * SERVER_STOPPING :Parley is stopping");
        assertThatThrownBy(() -> replies.standardReply("OOPS", "*", "X", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorIsTheLastLineBeforeAClose() {
        assertThat(IrcReplies.error("Closing Link: ping timeout").toLine()).isEqualTo("ERROR :Closing Link: ping timeout");
    }

    @Test
    void everyNumericTheIssueNeedsIsNamedOnceWithThreeDigits() throws Exception {
        Map<String, String> nameByCode = new HashMap<>();
        for (Field field : IrcNumerics.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || !(field.getName().startsWith("RPL_") || field.getName().startsWith("ERR_"))) {
                continue;
            }
            String code = (String) field.get(null);
            assertThat(code).as(field.getName()).matches("[0-9]{3}");
            assertThat(nameByCode.put(code, field.getName())).as(code).isNull();
        }
        Set<String> needed = new HashSet<>();
        String ranges = "001-005 251-255 265-266 311-319 301 305-306 314 369 321-324 329 331-333 341 352 315 353 366 354 367-368 "
                + "372 375-376 381 401-404 411-412 417 421-422 431-433 436 441-443 451 461-462 464-465 471-478 481-482 "
                + "491 501-502 524 670 730-734 900-908";
        for (String range : ranges.split(" ")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            for (int code = from; code <= to; code++) {
                needed.add(String.format("%03d", code));
            }
        }
        needed.remove("316"); // RPL_WHOISCHANOP: reserved, never sent by modern servers
        assertThat(nameByCode.keySet()).containsAll(needed);
        assertThat(IrcNumerics.FAIL).isEqualTo("FAIL");
        assertThat(IrcNumerics.WARN).isEqualTo("WARN");
        assertThat(IrcNumerics.NOTE).isEqualTo("NOTE");
    }
}
