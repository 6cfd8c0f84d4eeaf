package io.parley.protocol.account;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.core.StoreBusyException;
import io.parley.protocol.AllocationFailures;
import io.parley.protocol.OrderedRequestHandler;
import io.parley.protocol.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account connection (spec: {@code shared/specs/account.md}): hands each frame to the
 * session's current {@link SessionState} and moves to the state it names. Frames are handled one
 * at a time, so a state's store or crypto work finishes before the next frame is looked at.
 * Event-loop only; one per connection.
 */
final class AccountHandler extends OrderedRequestHandler<AccountFrame> {

    private static final Logger log = LoggerFactory.getLogger(AccountHandler.class);
    /** Clients decide how many requests fail (a flood of logins once wrote 369 MB of these in 30 s). */
    private static final RateLimitedLog FAILURES = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());

    private final AccountSession session;
    private SessionState state;

    AccountHandler(AccountSession session, String serverKeyLine) {
        super(AccountFrame.class);
        this.session = session;
        this.state = new AwaitingUser(session, serverKeyLine);
    }

    @Override
    protected CompletionStage<?> handle(ChannelHandlerContext ctx, AccountFrame frame) {
        if (!ctx.channel().isActive()) {
            return null; // frames that were queued behind an EX or a close
        }
        return state.on(frame).thenAcceptAsync(next -> state = next, ctx.executor());
    }

    @Override
    protected void requestFailed(ChannelHandlerContext ctx, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreBusyException) {
            // A full store queue: the store logs the episode once; each refusal is no news.
            log.debug("A request of {} was refused: {}", session.name(), cause.getMessage());
        } else {
            FAILURES.warn("A request of " + (session.name().isEmpty() ? "a new connection" : session.name())
                    + " failed: " + failure);
        }
        session.send("C ERR 500 request not completed, try again");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        whenIdle(session::logout);
        super.channelInactive(ctx);
    }

    @Override
    protected void flooded(ChannelHandlerContext ctx) {
        log.info("Closing {}: flooding", ctx.channel().remoteAddress());
        reply(ctx, "C ERR 429 too many frames, too fast").addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            reply(ctx, "C ERR 413 frame too long").addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!AllocationFailures.report(cause, ctx.channel().remoteAddress())) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
