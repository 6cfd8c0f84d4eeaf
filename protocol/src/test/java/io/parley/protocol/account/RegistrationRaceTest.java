package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two new users who passed USER with look-alike names before either registered: only one gets it. */
class RegistrationRaceTest {

    private final AccountTestServer server = new AccountTestServer();
    private final EmbeddedChannel first = server.connect();
    private final EmbeddedChannel second = server.connect();

    @AfterEach
    void close() {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    private void bothPassUserThenRegister(String firstName, String secondName) {
        assertThat(exchange(first, "C USER " + firstName + "\n")).startsWith("C NEW ");
        assertThat(exchange(second, "C USER " + secondName + "\n")).startsWith("C NEW ");
        assertThat(exchange(first, AccountTestServer.pass(AccountTestServer.PASSWORD)))
                .isEqualTo("C OK welcome " + firstName + "\n");

        assertThat(exchange(second, AccountTestServer.pass(AccountTestServer.PASSWORD)))
                .isEqualTo("C ERR 409 " + secondName
                        + " is, or looks like, a name registered meanwhile; connect again with another\n");
        assertThat(second.isActive()).as("closed").isFalse();
        assertThat(server.services.accounts().find(secondName).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void aLookAlikeOfANameRegisteredMeanwhileIsNotRegistered() {
        bothPassUserThenRegister("alice", "aIice");
    }
}
