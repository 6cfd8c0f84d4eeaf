package io.parley.core.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.ToIntFunction;

/**
 * One reading of a user's history, page by page, oldest first, as it stood when the reading
 * began: a large history is never held in memory whole, nor read in one go.
 *
 * <p>Thread-safety: one reader; call {@link #next} again only once the previous page has arrived.
 * No method blocks its caller.
 */
public interface HistoryPages {

    /**
     * Entries per page whatever their size: entries that weigh nothing (empty texts) or little
     * still cost a frame header each, and a page must never be the whole history.
     */
    int MAX_ENTRIES = 1024;

    /**
     * The next entries, which together weigh about {@code maxSize} by {@code sizeOf} (the bytes
     * they become on the wire: at least one entry while any remain, however big) and are at most
     * {@link #MAX_ENTRIES}; an empty list once the history is exhausted. {@code sizeOf} may run on
     * any thread.
     */
    CompletionStage<List<HistoryEntry>> next(int maxSize, ToIntFunction<HistoryEntry> sizeOf);

    /** Pages over a history already read whole (in-memory stores). */
    static HistoryPages of(CompletionStage<List<HistoryEntry>> whole) {
        return new HistoryPages() {
            private Deque<HistoryEntry> rest;

            @Override
            public CompletionStage<List<HistoryEntry>> next(int maxSize, ToIntFunction<HistoryEntry> sizeOf) {
                return whole.thenApply(entries -> {
                    if (rest == null) {
                        rest = new ArrayDeque<>(entries);
                    }
                    return take(rest, maxSize, sizeOf);
                });
            }
        };
    }

    /** Removes from the head of {@code entries} the first page, as {@link #next} sizes it. */
    static List<HistoryEntry> take(Deque<HistoryEntry> entries, int maxSize, ToIntFunction<HistoryEntry> sizeOf) {
        List<HistoryEntry> page = new ArrayList<>();
        long size = 0;
        while (!entries.isEmpty() && !full(page, size, maxSize)) {
            HistoryEntry entry = entries.poll();
            page.add(entry);
            size += sizeOf.applyAsInt(entry);
        }
        return page;
    }

    /** Whether a page of {@code page} weighing {@code size} takes no more entries. */
    static boolean full(List<HistoryEntry> page, long size, int maxSize) {
        return !page.isEmpty() && (size >= maxSize || page.size() >= MAX_ENTRIES);
    }
}
