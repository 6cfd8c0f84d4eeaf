package io.parley.protocol.account;

import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.PrivateMessage;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A history store whose private-message writes a test decides (refuse them, hold them back);
 * everything else goes to {@code store}. {@code addPrivate} is given the message and the real
 * store's write.
 */
final class PrivateMessagesThrough implements HistoryStore {

    private final HistoryStore store;
    private final BiFunction<PrivateMessage, HistoryStore, CompletionStage<Long>> addPrivate;

    PrivateMessagesThrough(HistoryStore store,
            BiFunction<PrivateMessage, HistoryStore, CompletionStage<Long>> addPrivate) {
        this.store = store;
        this.addPrivate = addPrivate;
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
    public CompletionStage<Long> addPrivate(PrivateMessage message) {
        return addPrivate.apply(message, store);
    }

    @Override
    public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
        return store.history(user, lobbyRef);
    }
}
