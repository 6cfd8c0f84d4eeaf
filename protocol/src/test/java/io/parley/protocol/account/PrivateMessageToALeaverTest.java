package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static io.parley.protocol.account.AccountTestServer.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.InMemoryHistoryStore;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A private message that was stored is acknowledged as sent even when its recipient logged off
 * while it was being stored: an error would make the sender send it again (a duplicate, charged
 * twice).
 */
class PrivateMessageToALeaverTest {

    private final CompletableFuture<Void> storing = new CompletableFuture<>();
    private final AccountTestServer server = new AccountTestServer(log -> new PrivateMessagesThrough(new InMemoryHistoryStore(log),
            (message, store) -> storing.thenCompose(stored -> store.addPrivate(message))));
    private final EmbeddedChannel alice = server.login("alice");
    private final EmbeddedChannel bob = server.login("bob");

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    @Test
    void aStoredMessageToARecipientWhoLeftMeanwhileIsReportedSent() {
        assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS bob\n");
        assertThat(exchange(alice, "C TO bob\n")).isEqualTo("C KEY bob -\n");
        assertThat(exchange(alice, "D see you\n")).as("nothing before it is stored").isEmpty();

        bob.close();
        bob.runPendingTasks();
        storing.complete(null);

        assertThat(output(alice)).isEqualTo("C OK sent; bob went offline and finds it in CH\n");
        assertThat(exchange(alice, "C PM\n")).as("back at the prompt").isEqualTo("C USERS\n");
    }
}
