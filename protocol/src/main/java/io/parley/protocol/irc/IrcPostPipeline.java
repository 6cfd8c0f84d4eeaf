package io.parley.protocol.irc;

import io.parley.core.room.Room;
import io.parley.protocol.PostWindow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A connection's channel messages on their way to the store (docs/irc.md, "Messages"): like TCD
 * and line, the connection's next command is read while they are stored, up to
 * {@link PostWindow#LIMIT} of them. What IRC adds is the fence ({@link #settled}): a command whose
 * replies must come after those messages' echoes and errors (a {@code PING}, a labeled command,
 * anything but another plain channel message) waits until every message before it has reached
 * its room, so a client's {@code PING} after its {@code PRIVMSG}s is still answered after their
 * echoes.
 *
 * <p>A message's outcome is brought back to the event loop after the room has handed it to its
 * members, whose deliveries to this connection were queued on that loop first: so the echo is
 * written before anything the fence holds.
 *
 * <p>Event-loop only (posts may complete on any thread). A message whose outcome the loop no
 * longer takes (it is shutting down) is settled without its failure being told.
 */
final class IrcPostPipeline {

    private static final CompletableFuture<Void> SETTLED = CompletableFuture.completedFuture(null);

    private final PostWindow window = new PostWindow();
    /** Completes once every message tracked so far is settled (on the loop). */
    private CompletableFuture<Void> settled = SETTLED;

    /**
     * The rooms messages were handed to since the last {@link #fence}: their members' loops may
     * not have run them yet ({@link IrcLoopsCaughtUp}).
     */
    private final Set<Room> unfenced = new LinkedHashSet<>();

    /** Whether a message of this connection is still on its way to its room. */
    boolean busy() {
        return !settled.isDone();
    }

    /** Whether a command that is not another channel message must wait ({@link #fence}) first. */
    boolean fenced() {
        return busy() || !unfenced.isEmpty();
    }

    /**
     * Completes once every message tracked so far is settled ({@link #settled}) and the loops of
     * the members of the rooms they went to have run them: the fence before a command that is not
     * another channel message, so that its reply (a {@code PING}'s, irctest's and bots' barrier)
     * comes after the other members have those messages, not only after they were handed to them.
     * Completes on any thread.
     */
    CompletionStage<Void> fence() {
        List<Room> rooms = List.copyOf(unfenced);
        unfenced.clear();
        return settled.thenCompose(ignored -> IrcLoopsCaughtUp.afterMembersOf(rooms));
    }

    /** A line was handed straight to {@code room}'s members' loops (not through the room): fenced too. */
    void handedTo(Room room) {
        unfenced.add(room);
    }

    /**
     * Completes on the event loop once every message tracked so far has reached its room or
     * failed, and its failure has been told ({@link #track}'s {@code failed}).
     */
    CompletionStage<Void> settled() {
        return settled;
    }

    /**
     * Tracks {@code post} to {@code room}: once it completes, {@code failed} runs on {@code loop} if it failed.
     * Returns null while the connection may read on, else a stage that completes once it may
     * (the window is full).
     */
    CompletionStage<?> track(CompletionStage<?> post, Room room, Executor loop, Consumer<Throwable> failed) {
        unfenced.add(room);
        CompletableFuture<Void> done = new CompletableFuture<>();
        post.whenComplete((stored, failure) -> {
            try {
                loop.execute(() -> {
                    try {
                        if (failure != null) {
                            failed.accept(failure);
                        }
                    } finally {
                        done.complete(null);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // The loop is shutting down, and the connection with it: nobody to tell of a
                // failure, but the fence and the window must not wait for this message forever.
                done.complete(null);
            }
        });
        settled = settled.isDone() ? done : CompletableFuture.allOf(settled, done);
        return window.track(done);
    }
}
