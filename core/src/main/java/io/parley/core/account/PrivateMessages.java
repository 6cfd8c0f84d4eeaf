package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Private messages between logged-in users, whatever protocols they use: a message is charged to
 * its sender's {@link PrivateMessageQuota}, stored in history, and only then delivered to its
 * recipient's {@link Presence}. The quota is charged only for what is stored: a recipient not
 * logged in, or a store that refuses, costs nothing. A recipient who left while the message was
 * being stored finds it in its history. In a cluster the recipient may be on any node: the
 * message is stored first, as here, then sent to that node ({@link Presence#deliver}). The
 * server never decrypts a private message.
 *
 * <p>Thread-safe; no method blocks. Stages complete on a store thread (or the caller's).
 */
public final class PrivateMessages {

    /** How a {@link #send} ended. */
    public sealed interface Outcome {}

    /** Stored and handed to the recipient. */
    public record Delivered() implements Outcome {}

    /** Stored, but the recipient left meanwhile: it finds the message in its history. */
    public record StoredOnly() implements Outcome {}

    /** The recipient was not logged in: nothing stored, nothing charged. */
    public record NotOnline() implements Outcome {}

    /** Over the sender's quota: nothing stored, nothing charged. */
    public record OverQuota(PrivateMessageQuota.Exceeded exceeded) implements Outcome {}

    private final HistoryStore history;
    private final Presence presence;
    private final PrivateMessageQuota quota;
    private final Clock clock;

    public PrivateMessages(HistoryStore history, Presence presence, PrivateMessageQuota quota, Clock clock) {
        this.history = history;
        this.presence = presence;
        this.quota = quota;
        this.clock = clock;
    }

    /**
     * Stores {@code body} from {@code from} to {@code to} (names as they logged in), then
     * delivers it. Fails, with nothing charged, if the store refuses the write (try again).
     *
     * @param encrypted whether {@code body} is ciphertext
     */
    public CompletionStage<Outcome> send(String from, String to, boolean encrypted, String body) {
        if (presence.onlineName(to).isEmpty()) {
            return CompletableFuture.completedFuture(new NotOnline());
        }
        String senderKey = NameKeys.key(from);
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        Optional<PrivateMessageQuota.Exceeded> over = quota.take(senderKey, bytes);
        if (over.isPresent()) {
            return CompletableFuture.completedFuture(new OverQuota(over.get()));
        }
        PrivateMessage message = new PrivateMessage(clock.instant(), from, to, encrypted, body);
        return history.addPrivate(message).whenComplete((stored, failure) -> {
            if (failure != null) {
                quota.giveBack(senderKey, bytes); // not stored (a full store queue: "try again")
            }
        }).thenApply(stored -> {
            // Stored means sent: the recipient may have left meanwhile, and reads it in history.
            // On another node (a cluster), it is handed over there.
            return presence.deliver(message) ? new Delivered() : new StoredOnly();
        });
    }
}
