package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.StoreBusyException;
import io.parley.core.account.InMemoryHistoryStore;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The private-message quota is charged for what is stored, not for what the store refused. */
class PrivateMessageChargeTest {

    private static final String TEXT = "x".repeat(1500);
    /** As many messages of {@link #TEXT} as the quota holds. */
    private static final int FITTING = AccountTestServer.PM_QUOTA_BYTES / TEXT.length();

    private boolean storeFull;
    private final AccountTestServer server = new AccountTestServer(log -> new PrivateMessagesThrough(new InMemoryHistoryStore(log),
            (message, store) -> storeFull ? CompletableFuture.failedFuture(new StoreBusyException("write queue full"))
                    : store.addPrivate(message)));
    private final EmbeddedChannel alice = server.login("alice");
    private final EmbeddedChannel bob = server.login("bob");

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }

    @Test
    void privateMessagesTheStoreRefusedDoNotUseUpTheQuota() {
        assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS bob\n");
        assertThat(exchange(alice, "C TO bob\n")).isEqualTo("C KEY bob -\n");
        storeFull = true;
        for (int i = 0; i < FITTING; i++) {
            assertThat(exchange(alice, "D " + TEXT + "\n")).isEqualTo("C ERR 500 request not completed, try again\n");
        }
        storeFull = false;

        assertThat(exchange(alice, "D " + TEXT + "\n")).as("tried again").isEqualTo("C OK sent\n");
        for (int i = 1; i < FITTING; i++) {
            assertThat(exchange(alice, "C PM\n")).isEqualTo("C USERS bob\n");
            assertThat(exchange(alice, "C TO bob\n")).isEqualTo("C KEY bob -\n");
            assertThat(exchange(alice, "D " + TEXT + "\n")).as("message %d", i + 1).isEqualTo("C OK sent\n");
        }
    }
}
