package io.parley.core.account;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: what a user sent and received. Received broadcasts are not written per recipient: a
 * user's login sessions are kept as ranges of {@code lobby}'s sequence (the numbers the event log
 * gives the room's messages: {@code ChatService.join}/{@code leave} complete with them), and its
 * history is the lobby's messages inside those ranges plus its private messages.
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

    CompletionStage<Void> addPrivate(PrivateMessage message);

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
