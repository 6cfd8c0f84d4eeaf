package io.parley.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One reading of a user's history, page by page, oldest first, as it stood when the reading
 * began: a large history is never held in memory whole, nor read in one go.
 *
 * <p>Thread-safety: one reader; call {@link #next} again only once the previous page has arrived.
 * No method blocks its caller.
 */
public interface HistoryPages {

    /**
     * The next entries, whose texts together hold about {@code maxChars} characters (at least one
     * entry while any remain, however long); an empty list once the history is exhausted.
     */
    CompletionStage<List<HistoryEntry>> next(int maxChars);

    /** Pages over a history already read whole (in-memory stores). */
    static HistoryPages of(CompletionStage<List<HistoryEntry>> whole) {
        return new HistoryPages() {
            private Deque<HistoryEntry> rest;

            @Override
            public CompletionStage<List<HistoryEntry>> next(int maxChars) {
                return whole.thenApply(entries -> {
                    if (rest == null) {
                        rest = new ArrayDeque<>(entries);
                    }
                    return take(rest, maxChars);
                });
            }
        };
    }

    /** Removes from the head of {@code entries} the first page of about {@code maxChars}. */
    static List<HistoryEntry> take(Deque<HistoryEntry> entries, int maxChars) {
        List<HistoryEntry> page = new ArrayList<>();
        long chars = 0;
        while (!entries.isEmpty() && (page.isEmpty() || chars < maxChars)) {
            HistoryEntry entry = entries.poll();
            page.add(entry);
            chars += entry.text().length();
        }
        return page;
    }
}
