package io.parley.protocol.line;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.core.StoreBusyException;
import io.parley.core.account.NameClaim;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.Room;
import io.parley.core.text.Text;
import io.parley.protocol.AllocationFailures;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.Names;
import io.parley.protocol.OrderedRequestHandler;
import io.parley.protocol.PostWindow;
import io.parley.protocol.RateLimitedLog;
import io.parley.protocol.SignedOn;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line-protocol connection (spec: {@code shared/specs/line.md}): the first line is the name,
 * which joins the listener's room silently; every later line is a message to the room. The only
 * lines the server itself writes are {@code * ...} notices, before it closes the connection.
 * Event-loop only; one per connection.
 */
final class LineHandler extends OrderedRequestHandler<String> {

    private static final Logger log = LoggerFactory.getLogger(LineHandler.class);
    /** Failed requests a client can repeat (every JOIN while the store is stalled): one line per interval. */
    private static final RateLimitedLog FAILURES = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());

    private final ChatService chat;
    private final RegisteredNames names;
    private final LineSettings settings;
    private final ChannelMember member;
    private final PostWindow posts = new PostWindow();
    private String name;
    /** The hold on {@link #name} while the connection chats under it; revoked if its owner registers it. */
    private NameClaim claim;
    private Room room;

    LineHandler(ChatService chat, RegisteredNames names, LineSettings settings, ChannelMember member) {
        super(String.class);
        this.chat = chat;
        this.names = names;
        this.settings = settings;
        this.member = member;
    }

    @Override
    protected CompletionStage<?> handle(ChannelHandlerContext ctx, String line) {
        if (room != null) {
            return say(ctx, line);
        }
        if (name != null) {
            return null; // closing after a refused name
        }
        Optional<String> problem = Names.problem(line, LineSettings.MAX_NAME_LENGTH);
        if (problem.isPresent()) {
            name = line;
            closeWith(ctx, "name " + problem.get());
            return null;
        }
        name = line;
        claim = names.claim(name, registered -> ctx.executor().execute(() -> evicted(ctx))).orElse(null);
        if (claim == null) {
            closeWith(ctx, names.isRegistered(name)
                    ? "name \"" + name + "\" belongs to a registered account; connect with another name"
                    : "name \"" + name + "\" is in use by someone online; connect with another name");
            return null;
        }
        return chat.rooms().open(settings.room())
                .thenCompose(opened -> chat.join(opened, member, name).thenApply(joined -> opened))
                .thenAcceptAsync(joined -> {
                    room = joined;
                    SignedOn.fire(ctx.channel());
                }, ctx.executor());
    }

    /** The name's owner has just registered it (account.md: registered names are reserved everywhere). */
    private void evicted(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            closeWith(ctx, "the name \"" + name + "\" was just registered by its owner; connect with another name");
        }
    }

    /** Posts without waiting for the store, unless the connection's {@link PostWindow} is full. */
    private CompletionStage<?> say(ChannelHandlerContext ctx, String text) {
        if (claim.revoked()) {
            return null; // the owner registered the name; this connection is being closed
        }
        Room to = room; // the callback runs off this loop, and a close may clear the field
        metrics().messageReceived();
        CompletionStage<?> post = chat.post(to, name, Text.clean(text, false)).whenComplete((stored, failure) -> {
            if (failure != null) {
                logNotStored(to.ref(), failure);
                ctx.executor().execute(() -> notice(ctx, "message not stored, try again"));
            }
        });
        return posts.track(post);
    }

    /** A refusal by a full store queue is logged by the store, once per episode; other failures here. */
    private static void logNotStored(int roomRef, Throwable failure) {
        if (failure instanceof StoreBusyException) {
            log.debug("A message to room {} was refused: {}", roomRef, failure.getMessage());
        } else {
            log.warn("A message to room {} was not stored: {}", roomRef, failure.getMessage());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        whenIdle(() -> {
            if (claim != null) {
                claim.release();
            }
            if (room != null) {
                chat.leave(room, member, name);
                room = null;
            }
        });
        super.channelInactive(ctx);
    }

    @Override
    protected void requestFailed(ChannelHandlerContext ctx, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreBusyException) {
            log.debug("Joining {} was refused: {}", settings.room(), cause.getMessage()); // the store logs the episode
        } else {
            FAILURES.warn("Joining " + settings.room() + " failed: " + failure);
        }
        closeWith(ctx, "cannot join " + settings.room() + " now, try again");
    }

    @Override
    protected void flooded(ChannelHandlerContext ctx) {
        log.info("Closing {}: flooding", ctx.channel().remoteAddress());
        closeWith(ctx, "too many lines, too fast");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            closeWith(ctx, "line too long (limit " + settings.maxLineBytes() + " bytes)");
            return;
        }
        if (!AllocationFailures.report(cause, ctx.channel().remoteAddress())) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private void closeWith(ChannelHandlerContext ctx, String text) {
        notice(ctx, text).addListener(ChannelFutureListener.CLOSE);
    }

    private ChannelFuture notice(ChannelHandlerContext ctx, String text) {
        return reply(ctx, ByteBufUtil.writeUtf8(ctx.alloc(), "* " + text + "\n"));
    }
}
