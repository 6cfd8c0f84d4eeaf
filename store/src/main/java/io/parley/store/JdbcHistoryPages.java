package io.parley.store;

import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.room.Lobby;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.ToIntFunction;

/**
 * A user's history read page by page on a store's reader connection, never on its writer: the
 * SQLite store's and the PostgreSQL store's, whose tables are the same. The first page fixes what the reading covers (the messages and private messages stored
 * by then); each page is then a few index range scans from where the last one stopped (keyset
 * paging), so a page costs the same at the start and at the end of a 100k-entry history.
 *
 * <p>Broadcasts come from the user's sessions, merged into disjoint ranges of the lobby's sequence;
 * private messages from the sender and recipient indexes. The two streams, each in id order, are
 * merged by time, broadcasts first on a tie, as the stores' {@code history} sorts them.
 *
 * <p>Thread-safety: its state is touched only by the store's reader threads, one page at a time
 * (see {@link HistoryPages}), each read happening-before the next.
 */
public final class JdbcHistoryPages implements HistoryPages {

    /** Rows fetched per query: a page of short messages takes one query per stream. */
    private static final int FETCH = 256;

    private static final String SESSIONS =
            "SELECT from_seq, COALESCE(to_seq, ?) FROM sessions WHERE user_key = ? ORDER BY from_seq";
    private static final String BROADCASTS = """
            SELECT seq, sent_at, author, text FROM messages
            WHERE room_ref = ? AND seq > ? AND seq <= ? AND kind = 'CHAT' AND redacted_by IS NULL ORDER BY seq LIMIT ?""";
    private static final String PRIVATES = """
            SELECT id, sent_at, sender, recipient, encrypted, body FROM private_messages
            WHERE sender_key = ? AND sender_guest = '' AND id > ? AND id <= ? AND redacted_at IS NULL
            UNION
            SELECT id, sent_at, sender, recipient, encrypted, body FROM private_messages
            WHERE recipient_key = ? AND recipient_guest = '' AND id > ? AND id <= ? AND redacted_at IS NULL
            ORDER BY id LIMIT ?""";

    private final ConnectionReads store;
    private final String userKey;
    private final int lobbyRef;

    private boolean started;
    /** The user's sessions as disjoint (from, to] ranges of the lobby's sequence, in order, within the snapshot. */
    private final Deque<long[]> ranges = new ArrayDeque<>();
    private long lastPrivateId;
    private long maxPrivateId;
    private final Deque<HistoryEntry> broadcasts = new ArrayDeque<>();
    private final Deque<HistoryEntry> privates = new ArrayDeque<>();
    private boolean privatesDone;

    public JdbcHistoryPages(ConnectionReads store, String userKey, int lobbyRef) {
        this.store = store;
        this.userKey = userKey;
        this.lobbyRef = lobbyRef;
    }

    @Override
    public CompletionStage<List<HistoryEntry>> next(int maxSize, ToIntFunction<HistoryEntry> sizeOf) {
        return store.read(connection -> {
            if (!started) {
                start(connection);
                started = true;
            }
            return page(connection, maxSize, sizeOf);
        });
    }

    /** Fixes the snapshot: the lobby's last sequence and highest private id now, and the user's sessions up to them. */
    private void start(Connection connection) throws SQLException {
        long lastSequence;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_ref = ?")) {
            select.setInt(1, lobbyRef);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                lastSequence = rows.getLong(1);
            }
        }
        maxPrivateId = single(connection, "SELECT COALESCE(MAX(id), 0) FROM private_messages");
        try (PreparedStatement select = connection.prepareStatement(SESSIONS)) {
            select.setLong(1, lastSequence);
            select.setString(2, userKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    addRange(rows.getLong(1), Math.min(rows.getLong(2), lastSequence));
                }
            }
        }
    }

    /** Adds a session's range, merging it with the last one when they overlap (sessions may). */
    private void addRange(long from, long to) {
        if (to <= from) {
            return;
        }
        long[] last = ranges.peekLast();
        if (last != null && from <= last[1]) {
            last[1] = Math.max(last[1], to);
        } else {
            ranges.add(new long[] {from, to});
        }
    }

    private List<HistoryEntry> page(Connection connection, int maxSize, ToIntFunction<HistoryEntry> sizeOf)
            throws SQLException {
        List<HistoryEntry> page = new ArrayList<>();
        long size = 0;
        while (!HistoryPages.full(page, size, maxSize)) {
            if (broadcasts.isEmpty()) {
                fetchBroadcasts(connection);
            }
            if (privates.isEmpty() && !privatesDone) {
                fetchPrivates(connection);
            }
            HistoryEntry next = nextInTime();
            if (next == null) {
                break;
            }
            page.add(next);
            size += sizeOf.applyAsInt(next);
        }
        return page;
    }

    /** The earlier head of the two streams (a broadcast on a tie), or null when both are done. */
    private HistoryEntry nextInTime() {
        HistoryEntry broadcast = broadcasts.peek();
        HistoryEntry privateMessage = privates.peek();
        if (broadcast == null) {
            return privates.poll();
        }
        if (privateMessage == null || !broadcast.time().isAfter(privateMessage.time())) {
            return broadcasts.poll();
        }
        return privates.poll();
    }

    /** Reads the next rows of the lobby inside the user's ranges, skipping ranges that are done. */
    private void fetchBroadcasts(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BROADCASTS)) {
            while (broadcasts.isEmpty() && !ranges.isEmpty()) {
                long[] range = ranges.peek();
                select.setInt(1, lobbyRef);
                select.setLong(2, range[0]);
                select.setLong(3, range[1]);
                select.setInt(4, FETCH);
                int read = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        range[0] = rows.getLong(1); // the next query starts after it
                        broadcasts.add(new HistoryEntry(Instant.ofEpochMilli(rows.getLong(2)), HistoryEntry.Kind.ROOM,
                                rows.getString(3), Lobby.NAME, false, rows.getString(4)));
                        read++;
                    }
                }
                if (read < FETCH) {
                    ranges.poll();
                }
            }
        }
    }

    private void fetchPrivates(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PRIVATES)) {
            select.setString(1, userKey);
            select.setLong(2, lastPrivateId);
            select.setLong(3, maxPrivateId);
            select.setString(4, userKey);
            select.setLong(5, lastPrivateId);
            select.setLong(6, maxPrivateId);
            select.setInt(7, FETCH);
            int read = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lastPrivateId = rows.getLong(1);
                    privates.add(new HistoryEntry(Instant.ofEpochMilli(rows.getLong(2)), HistoryEntry.Kind.PRIVATE, rows.getString(3),
                            rows.getString(4), rows.getInt(5) == 1, rows.getString(6)));
                    read++;
                }
            }
            privatesDone = read < FETCH;
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
