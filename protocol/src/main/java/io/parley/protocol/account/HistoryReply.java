package io.parley.protocol.account;

import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.text.Text;
import java.nio.charset.StandardCharsets;
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

    /**
     * Bytes of frames per page, headers included (an empty message is still a frame): big enough
     * that a page is one write, and never more than a quarter of the connection's outbound cap,
     * so a page on top of a lobby backlog leaves the reader connected.
     */
    static final int PAGE_BYTES = 64 * 1024;

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
        pages.next(pageBytes(), HistoryReply::frameBytes).whenCompleteAsync((entries, failure) -> {
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

    /** {@link #PAGE_BYTES}, or a quarter of the connection's outbound cap if that is less. */
    private int pageBytes() {
        return Math.max(1, Math.min(PAGE_BYTES, session.outboundCap() / 4));
    }

    private List<String> render(List<HistoryEntry> entries) {
        List<String> lines = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            render(entry, lines);
        }
        frames += lines.size();
        return lines;
    }

    private static void render(HistoryEntry entry, List<String> lines) {
        boolean isPrivate = entry.kind() == HistoryEntry.Kind.PRIVATE;
        String head = "D CH " + Prompt.TIME.format(entry.time()) + (isPrivate ? " PM " : " BM ") + NameTokens.token(entry.from())
                + " " + entry.to() + " " + (isPrivate ? (entry.encrypted() ? "enc " : "text ") : "");
        for (String line : Text.lines(entry.text())) {
            lines.add(head + line);
        }
    }

    /** The bytes {@code entry} becomes on the wire: its frames in UTF-8, each with its newline. Any thread. */
    static int frameBytes(HistoryEntry entry) {
        List<String> lines = new ArrayList<>();
        render(entry, lines);
        int bytes = 0;
        for (String line : lines) {
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes;
    }
}
