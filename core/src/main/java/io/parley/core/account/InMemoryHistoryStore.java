package io.parley.core.account;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.InMemoryEventLog;
import io.parley.core.room.Lobby;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomReplay;
import io.parley.core.text.NameKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link HistoryStore} in memory (tests, fuzzing), deriving broadcasts from an
 * {@link InMemoryEventLog} as the SQLite one does from its table. Thread-safe; completes at once.
 */
public final class InMemoryHistoryStore implements HistoryStore {

    /** A login session: lobby messages with {@code from < sequence <= to} ({@code to} is MAX while open). */
    private record Session(String userKey, long from, long to) {}

    private final InMemoryEventLog log;
    private final List<Session> sessions = new ArrayList<>();
    private final List<PrivateMessage> privates = new ArrayList<>();

    public InMemoryHistoryStore(InMemoryEventLog log) {
        this.log = log;
    }

    @Override
    public synchronized CompletionStage<Long> openSession(String user, long afterId) {
        sessions.add(new Session(NameKeys.key(user), afterId, Long.MAX_VALUE));
        return CompletableFuture.completedFuture((long) sessions.size() - 1);
    }

    @Override
    public synchronized CompletionStage<Void> closeSession(long sessionId, long lastId) {
        Session open = sessions.get((int) sessionId);
        sessions.set((int) sessionId, new Session(open.userKey(), open.from(), lastId));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Long> addPrivate(PrivateMessage message) {
        privates.add(message.withId(privates.size() + 1));
        return CompletableFuture.completedFuture((long) privates.size());
    }

    @Override
    public synchronized CompletionStage<List<PrivateMessage>> conversation(Party reader, String other,
            RoomReplay.Window window) {
        String otherKey = NameKeys.key(other);
        List<PrivateMessage> inside = privates.stream()
                .filter(m -> (reader.sent(m) && NameKeys.key(m.to()).equals(otherKey))
                        || (reader.received(m) && NameKeys.key(m.from()).equals(otherKey)))
                .filter(m -> window.contains(m.id(), m.time().toEpochMilli()))
                .toList();
        int from = window.newestFirst() ? Math.max(0, inside.size() - window.limit()) : 0;
        return CompletableFuture.completedFuture(
                List.copyOf(inside.subList(from, Math.min(inside.size(), from + window.limit()))));
    }

    @Override
    public synchronized CompletionStage<List<PrivateMessage>> lastOfConversations(Party reader, long afterMillis,
            long beforeMillis, int limit) {
        Map<String, PrivateMessage> last = new LinkedHashMap<>();
        for (PrivateMessage m : privates) {
            if (reader.sent(m)) {
                last.put(NameKeys.key(m.to()), m);
            } else if (reader.received(m)) {
                last.put(NameKeys.key(m.from()), m);
            }
        }
        return CompletableFuture.completedFuture(last.values().stream()
                .filter(m -> m.time().toEpochMilli() > afterMillis && m.time().toEpochMilli() < beforeMillis)
                .sorted(Comparator.comparing(PrivateMessage::time).thenComparing(PrivateMessage::id))
                .limit(limit).toList());
    }

    @Override
    public synchronized CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
        String key = NameKeys.key(user);
        List<HistoryEntry> entries = new ArrayList<>();
        for (RoomEvent.Posted posted : log.posted()) {
            ChatMessage message = posted.chat();
            if (message.roomRef() == lobbyRef && message.kind() == ChatMessage.Kind.CHAT && sessions.stream().anyMatch(s -> s.userKey().equals(key)
                    && posted.sequence() > s.from() && posted.sequence() <= s.to())) {
                entries.add(new HistoryEntry(message.time(), HistoryEntry.Kind.ROOM, message.author(), Lobby.NAME, false,
                        message.text()));
            }
        }
        for (PrivateMessage message : privates) {
            if ((NameKeys.key(message.from()).equals(key) && message.fromGuest().isEmpty())
                    || (NameKeys.key(message.to()).equals(key) && message.toGuest().isEmpty())) {
                entries.add(new HistoryEntry(message.time(), HistoryEntry.Kind.PRIVATE, message.from(), message.to(),
                        message.encrypted(), message.body()));
            }
        }
        entries.sort(Comparator.comparing(HistoryEntry::time));
        return CompletableFuture.completedFuture(entries);
    }
}
