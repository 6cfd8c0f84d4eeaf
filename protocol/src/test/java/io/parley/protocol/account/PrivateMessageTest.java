package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PM's recipient step ({@code C TO}): what comes back never carries the client's control characters. */
class PrivateMessageTest {

    private final AccountTestServer server = new AccountTestServer();
    private final EmbeddedChannel alice = server.login("alice");

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
    }

    @Test
    void aRecipientThatIsNoUserNameIsRefusedWithoutBeingEchoed() {
        assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS\n");

        String reply = exchange(alice, "C TO bob\u001b]0;owned\u0007\u001b[2J\n");

        assertThat(reply).isEqualTo("C ERR 400 user names are 1-32 letters, digits, '-', '_' or '.'\n");
        assertThat(exchange(alice, "C PM\n")).as("back at the prompt").isEqualTo("C USERS\n");
    }
}
