package io.parley.core.account;

import io.parley.core.room.RoomReplay;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Port: what a user sent and received. Received broadcasts are not written per recipient: a
 * user's login sessions are kept as ranges of {@code lobby}'s sequence (the numbers the event log
 * gives the room's messages: {@code ChatService.join}/{@code leave} complete with them), and its
 * history is the lobby's messages inside those ranges plus its private messages.
 *
 * <p>Guests' private messages ({@link PrivateMessage}) are a history of their own connection
 * only: {@link #history} and {@link #pages}, read by account name, leave them out.
 *
 * <p>Thread-safe; no method blocks its caller.
 */
public interface HistoryStore {

    /**
     * Records that {@code user} started receiving lobby messages after the one numbered {@code afterId};
     * completes with the session's id.
     */
    CompletionStage<Long> openSession(String user, long afterId);

    /** Records that the session's last lobby message was the one numbered {@code lastId}. */
    CompletionStage<Void> closeSession(long sessionId, long lastId);

    /** Stores a private message; completes with its id (increasing over all private messages). */
    CompletionStage<Long> addPrivate(PrivateMessage message);

    /**
     * The private messages between {@code reader} and whoever went by the name {@code other}
     * (any guest or account of that name: the reader was a party to all of them) inside
     * {@code window}, whose sequences are the messages' ids, oldest first: what IRC's
     * {@code CHATHISTORY <nick>} reads. A message to oneself is one conversation with oneself.
     */
    default CompletionStage<List<PrivateMessage>> conversation(Party reader, String other, RoomReplay.Window window) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no private-message history"));
    }

    /**
     * Redacts private message {@code id} if {@code sender} sent it to {@code recipient} (a name):
     * its body is removed and no history lists it any more. Completes with whether there was such
     * a message, not yet redacted, once the redaction is durable.
     */
    default CompletionStage<Boolean> redactPrivate(long id, Party sender, String recipient, java.time.Instant at) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no private-message history"));
    }

    /**
     * The last message of each of {@code reader}'s conversations whose last message was stored
     * strictly between {@code afterMillis} and {@code beforeMillis}, oldest first, at most
     * {@code limit}: what IRC's {@code CHATHISTORY TARGETS} lists besides channels.
     */
    default CompletionStage<List<PrivateMessage>> lastOfConversations(Party reader, long afterMillis, long beforeMillis,
            int limit) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no private-message history"));
    }

    /** Everything {@code user} sent or received, oldest first. */
    CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef);

    /**
     * The same history as {@link #history}, read page by page (what {@code CH} sends). A store
     * that can page reads each page only when asked, without delaying writes; this default reads
     * the whole history first.
     */
    default HistoryPages pages(String user, int lobbyRef) {
        return HistoryPages.of(history(user, lobbyRef));
    }
}
