package io.parley.protocol.irc;

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
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        Executor loop = to.member().executor();
        try {
            loop.execute(() -> {
                if (counted) {
                    to.member().pushMessage(message); // on its loop: written now
                } else {
                    to.member().push(message);
                }
                // The push queued its flush on this loop: a task queued now runs after it.
                loop.execute(() -> flushed.complete(null));
            });
        } catch (RejectedExecutionException stopping) {
            flushed.complete(null); // the server is stopping: nobody is waiting to read it
        }
        return flushed;
    }
}
