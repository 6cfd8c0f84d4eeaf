package io.parley.protocol.account;

import static io.parley.protocol.account.AccountTestServer.PASSWORD;
import static io.parley.protocol.account.AccountTestServer.exchange;
import static io.parley.protocol.account.AccountTestServer.pass;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.InMemoryHistoryStore;
import io.parley.core.account.PrivateMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A login that fails after the password was accepted (here: the history store cannot open the
 * session) is reported as a failed request, leaves the user offline, and can be retried.
 */
class LoginFailureTest {

    private boolean historyDown;
    private final AccountTestServer server = new AccountTestServer(log -> new FlakyHistory(new InMemoryHistoryStore(log)));
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void aNewUserIsRegisteredAndMayRetryTheLogin() {
        EmbeddedChannel bob = login("bob");
        EmbeddedChannel dave = connect();
        assertThat(exchange(dave, "C USER dave\n")).startsWith("C NEW ");
        historyDown = true;

        assertThat(exchange(dave, pass(PASSWORD))).isEqualTo("C ERR 500 request not completed, try again\n");

        assertThat(exchange(bob, "C PM\n")).as("who is online").isEqualTo("C USERS\n");
        historyDown = false;
        assertThat(exchange(dave, pass(PASSWORD))).isEqualTo("C OK welcome dave\n");
        assertThat(exchange(bob, "C TO dave\n")).isEqualTo("C KEY dave -\n");
    }

    @Test
    void anExistingUserStaysOfflineAndMayRetryTheLogin() {
        login("dave").close();
        EmbeddedChannel bob = login("bob");
        EmbeddedChannel dave = connect();
        assertThat(exchange(dave, "C USER dave\n")).startsWith("C EXISTING ");
        historyDown = true;

        assertThat(exchange(dave, pass(PASSWORD))).isEqualTo("C ERR 500 request not completed, try again\n");

        assertThat(exchange(bob, "C PM\n")).as("who is online").isEqualTo("C USERS\n");
        historyDown = false;
        assertThat(exchange(dave, pass(PASSWORD))).isEqualTo("C OK welcome dave\n");
        assertThat(exchange(bob, "C TO dave\n")).isEqualTo("C KEY dave -\n");
    }

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = server.connect();
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel login(String name) {
        EmbeddedChannel channel = server.login(name);
        channels.add(channel);
        return channel;
    }

    /** Fails to open sessions while {@link #historyDown}. */
    private final class FlakyHistory implements HistoryStore {

        private final HistoryStore store;

        FlakyHistory(HistoryStore store) {
            this.store = store;
        }

        @Override
        public CompletionStage<Long> openSession(String user, long afterId) {
            return historyDown ? CompletableFuture.failedFuture(new IllegalStateException("history store down"))
                    : store.openSession(user, afterId);
        }

        @Override
        public CompletionStage<Void> closeSession(long sessionId, long lastId) {
            return store.closeSession(sessionId, lastId);
        }

        @Override
        public CompletionStage<Long> addPrivate(PrivateMessage message) {
            return store.addPrivate(message);
        }

        @Override
        public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
            return store.history(user, lobbyRef);
        }
    }
}
