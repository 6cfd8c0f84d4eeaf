package io.parley.protocol.irc;

import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Waits until other connections' event loops have run what was handed to them before (a pushed
 * line, a room event): only then is a line to another member ahead of that member's next reply.
 * Handing a task to a loop is not enough: a Netty loop reads its sockets before it runs its
 * queued tasks, so a member's {@code PING} read in the same turn is answered before a {@code MODE},
 * {@code PART} or {@code QUIT} line already handed to its loop (irctest's barrier, and what a
 * user who answers at once sees). A command whose lines go to other members completes through
 * this, so its author's next command is answered after the others have the lines, as on a
 * server that writes them all at once. Costs one empty task per loop. Any thread; stateless.
 */
final class IrcLoopsCaughtUp {

    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private IrcLoopsCaughtUp() {}

    /** Completes once each of {@code loops} has run every task handed to it before this call. */
    static CompletableFuture<Void> after(Collection<? extends Executor> loops) {
        if (loops.isEmpty()) {
            return NOW;
        }
        List<CompletableFuture<Void>> each = new ArrayList<>(loops.size());
        for (Executor loop : loops) {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            try {
                loop.execute(() -> ran.complete(null));
            } catch (RejectedExecutionException stopping) {
                ran.complete(null); // a loop shutting down has no reader left to be ahead of
            }
            each.add(ran);
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }

    /** As {@link #after(Collection)}, for the loops of {@code rooms}' members on this node. */
    static CompletableFuture<Void> afterMembersOf(Collection<Room> rooms) {
        Set<Executor> loops = new LinkedHashSet<>();
        for (Room room : rooms) {
            for (MemberRef ref : room.roster()) {
                room.localMember(ref).map(Member::executor).ifPresent(loops::add);
            }
        }
        return after(loops);
    }

    /** As {@link #after(Collection)}, for the loops of {@code sessions}. */
    static CompletableFuture<Void> afterSessions(Collection<IrcSession> sessions) {
        Set<Executor> loops = new LinkedHashSet<>();
        for (IrcSession session : sessions) {
            loops.add(session.member().executor());
        }
        return after(loops);
    }

    /**
     * {@code stage} (which hands lines to {@code rooms}' members), then those members' loops caught
     * up, whatever the stage's outcome.
     */
    static CompletionStage<Void> afterMembersOf(Collection<Room> rooms, CompletionStage<?> stage) {
        return stage.handle((done, failure) -> null).thenCompose(ignored -> afterMembersOf(rooms));
    }
}
