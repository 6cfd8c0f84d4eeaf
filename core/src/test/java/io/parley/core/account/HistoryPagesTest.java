package io.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** Pages of an in-memory history are sized by what the caller says an entry weighs, and bounded in entries. */
class HistoryPagesTest {

    private static final HistoryEntry EMPTY = new HistoryEntry(Instant.EPOCH, HistoryEntry.Kind.ROOM, "bob", "lobby", false, "");

    @Test
    void entriesThatWeighNothingStillMakeBoundedPages() {
        HistoryPages pages = HistoryPages.of(CompletableFuture.completedFuture(Collections.nCopies(100_000, EMPTY)));
        int total = 0;
        for (List<HistoryEntry> page = next(pages, 64 * 1024, entry -> entry.text().length()); !page.isEmpty();
                page = next(pages, 64 * 1024, entry -> entry.text().length())) {
            assertThat(page).hasSizeLessThanOrEqualTo(HistoryPages.MAX_ENTRIES);
            total += page.size();
        }
        assertThat(total).isEqualTo(100_000);
    }

    @Test
    void aPageStopsAtTheSizeTheCallerCounts() {
        HistoryPages pages = HistoryPages.of(CompletableFuture.completedFuture(Collections.nCopies(1000, EMPTY)));
        List<Integer> sizes = new ArrayList<>();
        for (List<HistoryEntry> page = next(pages, 400, entry -> 40); !page.isEmpty(); page = next(pages, 400, entry -> 40)) {
            sizes.add(page.size());
        }
        assertThat(sizes).hasSize(100).containsOnly(10);
    }

    private static List<HistoryEntry> next(HistoryPages pages, int maxSize, ToIntFunction<HistoryEntry> sizeOf) {
        return pages.next(maxSize, sizeOf).toCompletableFuture().join();
    }
}
