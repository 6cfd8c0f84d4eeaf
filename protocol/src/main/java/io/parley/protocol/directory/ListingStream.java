package io.parley.protocol.directory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.parley.core.directory.DirectoryEntry;
import io.parley.protocol.AllocationFailures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Writes a {@code getdir} listing (spec: {@code OK <n>}, then {@code <name> <address> <port>} per
 * room) a page of rooms at a time, never rendering it whole: a page is rendered only while the
 * connection's output is under its cap, so a directory of thousands of rooms asked for by a client
 * that does not read costs the server its cap and one page, not a copy of the directory per
 * request. The listing is of the directory as it was when asked (a snapshot of entry references).
 *
 * <p>Event-loop only; one per {@code getdir}.
 */
final class ListingStream {

    /** Rooms per page: a page is at most about 20 KiB (a name is at most 64 ASCII characters). */
    static final int PAGE_ROOMS = 256;

    private final ChannelHandlerContext ctx;
    private final List<DirectoryEntry> entries;
    private final Consumer<Runnable> whenWritable;
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private int next;

    /**
     * @param whenWritable runs its action once the output is under its cap again, or the
     *        connection has closed
     */
    ListingStream(ChannelHandlerContext ctx, List<DirectoryEntry> entries, Consumer<Runnable> whenWritable) {
        this.ctx = ctx;
        this.entries = entries;
        this.whenWritable = whenWritable;
    }

    /** Starts writing; completes once every page is written to the channel, or it has closed. */
    CompletionStage<Void> start() {
        write("OK " + entries.size() + "\n");
        writePages();
        return written;
    }

    private void writePages() {
        while (next < entries.size() && ctx.channel().isActive()) {
            int end = Math.min(next + PAGE_ROOMS, entries.size());
            write(page(entries.subList(next, end)));
            next = end;
            if (!ctx.channel().isWritable()) {
                ctx.flush(); // let the socket take what it will before deciding to wait
                if (!ctx.channel().isWritable()) {
                    whenWritable.accept(this::writePages);
                    return;
                }
            }
        }
        ctx.flush();
        written.complete(null);
    }

    private static String page(List<DirectoryEntry> rooms) {
        StringBuilder page = new StringBuilder(rooms.size() * 40);
        for (DirectoryEntry entry : rooms) {
            page.append(entry.name()).append(' ').append(entry.address()).append(' ').append(entry.port())
                    .append('\n');
        }
        return page.toString();
    }

    private void write(String text) {
        ctx.write(ByteBufUtil.writeUtf8(ctx.alloc(), text)).addListener(AllocationFailures.ON_WRITE_FAILURE);
    }
}
