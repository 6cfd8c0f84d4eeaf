package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.core.StoreBusyException;
import io.parley.core.room.InMemoryEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Private messages in the core: charged, stored, and only then delivered through the presence. */
class PrivateMessagesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final int QUOTA = 100;

    private final InMemoryHistoryStore stored = new InMemoryHistoryStore(new InMemoryEventLog());
    /** What the next private-message write does; by default it goes to {@link #stored}. */
    private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    private final HistoryStore history = new HistoryStore() {
        @Override
        public CompletionStage<Long> openSession(String user, long afterId) {
            return stored.openSession(user, afterId);
        }

        @Override
        public CompletionStage<Void> closeSession(long sessionId, long lastId) {
            return stored.closeSession(sessionId, lastId);
        }

        @Override
        public CompletionStage<Long> addPrivate(PrivateMessage message) {
            return gate.thenCompose(open -> stored.addPrivate(message));
        }

        @Override
        public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
            return stored.history(user, lobbyRef);
        }
    };
    private final Presence presence = new Presence(new RegisteredNames(List.of()));
    private final PrivateMessages messages = new PrivateMessages(history, presence,
            new PrivateMessageQuota(QUOTA, Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final RecordingRecipient bob = new RecordingRecipient("bob");

    private List<HistoryEntry> historyOf(String user) {
        return stored.history(user, -1).toCompletableFuture().join();
    }

    private PrivateMessages.Outcome send(String body) {
        return messages.send("alice", "bob", false, body).toCompletableFuture().join();
    }

    @Test
    void aMessageIsStoredThenDelivered() {
        presence.enter(bob);
        gate = new CompletableFuture<>();

        CompletionStage<PrivateMessages.Outcome> sending = messages.send("alice", "bob", true, "CIPHER");
        assertThat(bob.delivered).as("not before it is stored").isEmpty();
        gate.complete(null);

        assertThat(sending.toCompletableFuture().join()).isInstanceOf(PrivateMessages.Delivered.class);
        PrivateMessage message = new PrivateMessage(NOW, "alice", "bob", true, "CIPHER").withId(1);
        assertThat(bob.delivered).containsExactly(message);
        assertThat(historyOf("bob")).containsExactly(
                new HistoryEntry(NOW, HistoryEntry.Kind.PRIVATE, "alice", "bob", true, "CIPHER"));
    }

    @Test
    void keepStoresAndChargesWithoutDeliveringAndGivesTheStoredMessage() {
        presence.enter(bob);

        PrivateMessages.Outcome kept = messages.keep("alice", "", "bob", "guest-7", "x".repeat(60))
                .toCompletableFuture().join();

        assertThat(kept).isEqualTo(new PrivateMessages.Kept(
                new PrivateMessage(1, NOW, "alice", "", "bob", "guest-7", false, "x".repeat(60))));
        assertThat(bob.delivered).as("the caller delivers").isEmpty();
        assertThat(messages.keep("alice", "", "bob", "guest-7", "x".repeat(60)).toCompletableFuture().join())
                .as("charged").isInstanceOf(PrivateMessages.OverQuota.class);
        assertThat(historyOf("bob")).as("a guest's message is not the account bob's history").isEmpty();
    }

    @Test
    void aRecipientWhoLeftWhileItWasStoredFindsItInHistoryOnly() {
        presence.enter(bob);
        gate = new CompletableFuture<>();
        CompletionStage<PrivateMessages.Outcome> sending = messages.send("alice", "bob", false, "see you");

        presence.leave(bob);
        gate.complete(null);

        assertThat(sending.toCompletableFuture().join()).isInstanceOf(PrivateMessages.StoredOnly.class);
        assertThat(bob.delivered).isEmpty();
        assertThat(historyOf("bob")).extracting(HistoryEntry::text).containsExactly("see you");
    }

    @Test
    void aRecipientNotLoggedInGetsNothingStoredNorCharged() {
        assertThat(send("x".repeat(QUOTA))).isEqualTo(new PrivateMessages.NotOnline());

        assertThat(historyOf("bob")).isEmpty();
        presence.enter(bob);
        assertThat(send("x".repeat(QUOTA))).as("the whole quota is left").isInstanceOf(PrivateMessages.Delivered.class);
    }

    @Test
    void aMessageOverTheQuotaIsNeitherStoredNorDelivered() {
        presence.enter(bob);
        assertThat(send("x".repeat(60))).isInstanceOf(PrivateMessages.Delivered.class);

        assertThat(send("x".repeat(60))).isInstanceOf(PrivateMessages.OverQuota.class);

        assertThat(bob.delivered).hasSize(1);
        assertThat(historyOf("bob")).hasSize(1);
    }

    @Test
    void aMessageTheStoreRefusedIsNotDeliveredAndCostsNothing() {
        presence.enter(bob);
        gate = CompletableFuture.failedFuture(new StoreBusyException("write queue full"));

        assertThatThrownBy(() -> send("x".repeat(QUOTA))).hasCauseInstanceOf(StoreBusyException.class);
        gate = CompletableFuture.completedFuture(null);

        assertThat(bob.delivered).isEmpty();
        assertThat(send("x".repeat(QUOTA))).as("the quota was given back").isInstanceOf(PrivateMessages.Delivered.class);
    }
}
