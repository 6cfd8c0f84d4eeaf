package io.parley.protocol.account;

import io.parley.core.HistoryEntry;
import io.parley.core.HistoryPages;
import io.parley.protocol.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The reply to {@code CH} (spec: "History (CH)"): one {@code D CH} frame per line of each entry,
 * then {@code C OK <n> entries}. It is sent a page at a time, and the next page is read only once
 * the last one has been written to the socket: a multi-MiB history holds a page or two of memory,
 * never pushes the connection past its outbound cap (which would disconnect the reader the next
 * time a lobby message arrives), and goes as fast as the client reads.
 *
 * <p>Thread-safety: one per {@code CH}; each step runs when the previous one completes.
 */
final class HistoryReply {

    /** Text per page: far below the outbound cap, big enough that a page is one write. */
    static final int PAGE_CHARS = 64 * 1024;

    private final AccountSession session;
    private final HistoryPages pages;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int frames;

    private HistoryReply(AccountSession session, HistoryPages pages) {
        this.session = session;
        this.pages = pages;
    }

    /** Sends the whole reply; completes once the count is sent (or the connection is gone). */
    static CompletionStage<Void> send(AccountSession session, HistoryPages pages) {
        HistoryReply reply = new HistoryReply(session, pages);
        reply.nextPage();
        return reply.done;
    }

    private void nextPage() {
        // Rendered and written on the connection's loop: one task per page, not one per frame.
        pages.next(PAGE_CHARS).whenCompleteAsync((entries, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else if (entries.isEmpty()) {
                session.send("C OK " + frames + " entries");
                done.complete(null);
            } else {
                List<String> lines = render(entries);
                if (lines.isEmpty()) {
                    nextPage(); // entries without a line to show (empty texts)
                    return;
                }
                session.sendAll(lines).addListener(write -> {
                    if (write.isSuccess()) {
                        nextPage();
                    } else {
                        done.complete(null); // the connection is gone: nobody to send the rest to
                    }
                });
            }
        }, session.member.executor());
    }

    private List<String> render(List<HistoryEntry> entries) {
        List<String> lines = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            String head = "D CH " + Prompt.TIME.format(entry.time()) + " " + entry.type() + " " + NameTokens.token(entry.from()) + " "
                    + entry.to() + " " + (entry.type().equals("PM") ? (entry.encrypted() ? "enc " : "text ") : "");
            for (String line : Text.lines(entry.text())) {
                lines.add(head + line);
            }
        }
        frames += lines.size();
        return lines;
    }
}
