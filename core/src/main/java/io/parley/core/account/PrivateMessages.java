package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * recipient is looked up once, before the message is stored (in a cluster, on the directory's
 * thread), so the store's writing thread never waits for a look-up, and the message names the
 * recipient's party (its guest token) as its own node knows it. The server never decrypts a
 * private message.
 *
 * <p>Thread-safe; no method blocks. Stages complete on a store thread, the directory's, or the
 * caller's.
 */
public final class PrivateMessages {

    /** How a {@link #send} ended. */
    public sealed interface Outcome {}

    /** Stored (as {@code message}, with its id) and handed to the recipient. */
    public record Delivered(PrivateMessage message) implements Outcome {}

    /** Stored, but the recipient left meanwhile: it finds the message in its history. */
    public record StoredOnly(PrivateMessage message) implements Outcome {}

    /** Stored by {@link #keep}, for the caller to deliver. */
    public record Kept(PrivateMessage message) implements Outcome {}

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
        return send(from, "", to, encrypted, body);
    }

    /**
     * As {@link #send(String, String, boolean, String)}, from a sender that may be a guest
     * ({@code fromGuest}, see {@link PrivateMessage}); the recipient's guest token is its
     * {@link Recipient#guest}.
     */
    public CompletionStage<Outcome> send(String from, String fromGuest, String to, boolean encrypted, String body) {
        // Online on this node or, in a cluster, another: then its party is the one its node
        // knows (a guest's token travels in the directory).
        return presence.reachable(to).thenCompose(recipient -> recipient.isEmpty()
                ? CompletableFuture.completedFuture(new NotOnline())
                : send(from, fromGuest, recipient.get(), encrypted, body));
    }

    /** As {@link #send(String, String, String, boolean, String)}, to a recipient {@link Presence#reachable} found. */
    public CompletionStage<Outcome> send(String from, String fromGuest, Recipient to, boolean encrypted, String body) {
        PrivateMessage message = new PrivateMessage(0, now(), from, fromGuest, to.name(), to.guest(), encrypted, body);
        return charged(from, body, message).thenApply(outcome -> {
            if (!(outcome instanceof Kept kept)) {
                return outcome;
            }
            // Stored means sent: the recipient may have left meanwhile, and reads it in
            // history. On another node (a cluster), it is handed over there, with no look-up
            // on the store's thread this runs on.
            return presence.deliver(kept.message(), to) ? new Delivered(kept.message()) : new StoredOnly(kept.message());
        });
    }

    /**
     * Charges and stores a clear-text message whose delivery is the caller's (IRC between IRC
     * users: it relays the message with the sender's tags once it is stored). Completes with
     * {@link Kept} (the message with its id and time) or {@link OverQuota}; fails, with nothing
     * charged, if the store refuses the write.
     */
    public CompletionStage<Outcome> keep(String from, String fromGuest, String to, String toGuest, String body) {
        return charged(from, body, new PrivateMessage(0, now(), from, fromGuest, to, toGuest, false, body));
    }

    private CompletionStage<Outcome> charged(String from, String body, PrivateMessage message) {
        String senderKey = NameKeys.key(from);
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        Optional<PrivateMessageQuota.Exceeded> over = quota.take(senderKey, bytes);
        if (over.isPresent()) {
            return CompletableFuture.completedFuture(new OverQuota(over.get()));
        }
        return history.addPrivate(message).whenComplete((id, failure) -> {
            if (failure != null) {
                quota.giveBack(senderKey, bytes); // not stored (a full store queue: "try again")
            }
        }).thenApply(id -> new Kept(message.withId(id)));
    }

    /** The store keeps milliseconds: a message's time is the one history gives back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
