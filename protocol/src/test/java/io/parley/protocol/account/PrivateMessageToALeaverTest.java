package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.exchange;
import static io.parley.protocol.account.AccountTestServer.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.HistoryEntry;
import io.parley.core.HistoryStore;
import io.parley.core.InMemoryHistoryStore;
import io.parley.core.PrivateMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A private message that was stored is acknowledged as sent even when its recipient logged off
 * while it was being stored: an error would make the sender send it again (a duplicate, charged
 * twice).
 */
class PrivateMessageToALeaverTest {

    private final CompletableFuture<Void> storing = new CompletableFuture<>();
    private final AccountTestServer server = new AccountTestServer(log -> new SlowPrivateMessages(new InMemoryHistoryStore(log)));
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

    /** Stores private messages only when the test completes {@link #storing}. */
    private final class SlowPrivateMessages implements HistoryStore {

        private final HistoryStore store;

        SlowPrivateMessages(HistoryStore store) {
            this.store = store;
        }

        @Override
        public CompletionStage<Long> openSession(String user, long afterId) {
            return store.openSession(user, afterId);
        }

        @Override
        public CompletionStage<Void> closeSession(long sessionId, long lastId) {
            return store.closeSession(sessionId, lastId);
        }

        @Override
        public CompletionStage<Void> addPrivate(PrivateMessage message) {
            return storing.thenCompose(stored -> store.addPrivate(message));
        }

        @Override
        public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
            return store.history(user, lobbyRef);
        }
    }
}
