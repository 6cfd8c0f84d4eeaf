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
    private final EmbeddedChannel bob = server.login("bob");

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    /** A PM in clear from alice to bob (bob registered no key); returns the reply to its text. */
    private String sendToBob(String text) {
        assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS bob\n");
        assertThat(exchange(alice, "C TO bob\n")).isEqualTo("C KEY bob -\n");
        return exchange(alice, "D " + text + "\n");
    }

    @Test
    void anAccountPastItsDailyVolumeOfStoredPrivateMessagesIsRefusedAndStaysAtThePrompt() {
        String text = "x".repeat(1000);
        int fitting = AccountTestServer.PM_QUOTA_BYTES / text.length();
        for (int i = 0; i < fitting; i++) {
            assertThat(sendToBob(text)).isEqualTo("C OK sent\n");
        }

        assertThat(sendToBob(text)).startsWith("C ERR 429 private message limit reached: "
                + AccountTestServer.PM_QUOTA_BYTES + " bytes per account are stored per 24 hours; try again in ");
        assertThat(exchange(alice, "C PM\n")).as("back at the prompt").isEqualTo("C USERS bob\n");
        assertThat(exchange(bob, "C CH\n")).as("the refused one was not stored")
                .contains("C OK " + fitting + " entries");
    }

    @Test
    void aRecipientThatIsNoUserNameIsRefusedWithoutBeingEchoed() {
        assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS bob\n");

        String reply = exchange(alice, "C TO bob\u001b]0;owned\u0007\u001b[2J\n");

        assertThat(reply).isEqualTo("C ERR 400 user names are 1-32 letters, digits, '-', '_' or '.'\n");
        assertThat(exchange(alice, "C PM\n")).as("back at the prompt").isEqualTo("C USERS bob\n");
    }
}
