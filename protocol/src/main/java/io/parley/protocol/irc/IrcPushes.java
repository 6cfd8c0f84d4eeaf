package io.parley.protocol.irc;

import io.parley.protocol.ChannelMember;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Pushing a line to another IRC connection and learning when it has left for that connection's
 * socket. {@link io.parley.protocol.ChannelMember#push} writes on the recipient's event loop and
 * flushes in a task queued behind the write; a command whose reply must not overtake what it
 * told others (a QUIT's {@code ERROR} and its watchers' {@code 731}: a client that reads the
 * {@code ERROR} and then asks another connection for a {@code PONG} expects the {@code 731}
 * before it) waits for the stage returned here. Thread-safe.
 */
final class IrcPushes {

    private IrcPushes() {}

    /**
     * Pushes {@code message} (an {@link IrcDirect} or {@link IrcMessage}) to {@code to}; the stage
     * completes on the recipient's loop once the write and the flush queued after it have run.
     */
    static CompletableFuture<Void> pushFlushed(IrcSession to, Object message) {
        return flushed(to, message, false);
    }

    /** As {@link #pushFlushed}, counted as a message delivered (a PRIVMSG or NOTICE to a nick). */
    static CompletableFuture<Void> messageFlushed(IrcSession to, Object message) {
        return flushed(to, message, true);
    }

    private static CompletableFuture<Void> flushed(IrcSession to, Object message, boolean counted) {
        ChannelMember member = to.member();
        return writtenAndFlushed(member.executor(), counted ? () -> member.pushMessage(message) : () -> member.push(message));
    }

    /**
     * Runs {@code push} on {@code loop}; the stage completes on the loop once a task queued after
     * it (the flush the push queued) has run. It completes whatever the loop does: at once when
     * the loop no longer takes tasks (it is shutting down: nobody is waiting to read the push),
     * exceptionally when the push throws, so no command waits on it forever.
     */
    static CompletableFuture<Void> writtenAndFlushed(Executor loop, Runnable push) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        boolean queued = runOn(loop, () -> {
            try {
                push.run();
            } catch (RejectedExecutionException stopping) {
                flushed.complete(null); // its flush was refused: the loop is shutting down
                return;
            } catch (RuntimeException e) {
                flushed.completeExceptionally(e);
                throw e;
            }
            // The push queued its flush on this loop: a task queued now runs after it.
            if (!runOn(loop, () -> flushed.complete(null))) {
                flushed.complete(null);
            }
        });
        if (!queued) {
            flushed.complete(null);
        }
        return flushed;
    }

    /** Queues {@code task} on {@code loop}; false if the loop refused it (it is shutting down). */
    private static boolean runOn(Executor loop, Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }
}
