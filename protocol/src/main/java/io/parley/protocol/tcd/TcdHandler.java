package io.parley.protocol.tcd;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.core.StoreBusyException;
import io.parley.core.account.NameClaim;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.ChatService;
import io.parley.core.room.Room;
import io.parley.core.room.RoomLimitException;
import io.parley.core.text.Text;
import io.parley.protocol.Addresses;
import io.parley.protocol.AllocationFailures;
import io.parley.protocol.ClientAddress;
import io.parley.protocol.Names;
import io.parley.protocol.OrderedRequestHandler;
import io.parley.protocol.PostWindow;
import io.parley.protocol.RateLimitedLog;
import io.parley.protocol.SignedOn;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a TCD connection's requests do (spec: {@code shared/specs/tcd.md}). Requests run one at a
 * time ({@link OrderedRequestHandler}); JOINED and LEFT replies are written by
 * {@link TcdRoomEventEncoder} when the core delivers the join or leave, so they keep their place
 * in the room's order. Event-loop only; one per connection.
 */
final class TcdHandler extends OrderedRequestHandler<TcdRequest> {

    private static final Logger log = LoggerFactory.getLogger(TcdHandler.class);
    /** Failed requests a client can repeat (every JOIN while the store is stalled): one line per interval. */
    private static final RateLimitedLog FAILURES = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());
    /** Room and client names: the spec's limit. */
    static final int MAX_NAME_LENGTH = 64;
    /** How much of a bad value an error quotes. */
    private static final int QUOTE_LENGTH = 32;

    private final ChatService chat;
    private final RegisteredNames names;
    private final TcdSettings settings;
    private final TcdSession session;
    private final PostWindow posts = new PostWindow();

    TcdHandler(ChatService chat, RegisteredNames names, TcdSettings settings, TcdSession session) {
        super(TcdRequest.class);
        this.chat = chat;
        this.names = names;
        this.settings = settings;
        this.session = session;
    }

    @Override
    protected CompletionStage<?> handle(ChannelHandlerContext ctx, TcdRequest request) {
        if (session.disconnecting) {
            return null;
        }
        if (!session.signedOn) {
            // TCD has no login: a client that sent one recognised request has signed on.
            session.signedOn = true;
            SignedOn.fire(ctx.channel());
        }
        if (request instanceof TcdRequest.Helo helo) {
            reply(ctx, new TcdReply.Helo(Text.clean(helo.text(), false), session.serverIp, session.port, settings.studentId()));
        } else if (request instanceof TcdRequest.KillService) {
            killService(ctx);
        } else if (request instanceof TcdRequest.Join join) {
            return join(ctx, join);
        } else if (request instanceof TcdRequest.Leave leave) {
            return leave(ctx, leave);
        } else if (request instanceof TcdRequest.Chat message) {
            return chat(ctx, message);
        } else if (request instanceof TcdRequest.TooManyLines) {
            error(ctx, TcdReply.Error.TOO_MANY_LINES, "message has more than " + settings.maxMessageLines()
                    + " lines; nothing was sent");
        } else if (request instanceof TcdRequest.Disconnect) {
            return disconnect(ctx);
        } else if (request instanceof TcdRequest.Incomplete incomplete) {
            error(ctx, TcdReply.Error.MISSING_FIELD, incomplete.verb() + " without " + incomplete.missing());
            return incomplete.next() == null ? null : handle(ctx, incomplete.next());
        }
        return null;
    }

    /**
     * A message costs one request per line: line and account members get each of its lines as a
     * line of its own, so a flood of multi-line messages is slowed like a flood of lines.
     */
    @Override
    protected int cost(TcdRequest request) {
        if (request instanceof TcdRequest.Chat message) {
            int lines = 1;
            for (int i = message.message().indexOf('\n'); i >= 0; i = message.message().indexOf('\n', i + 1)) {
                lines++;
            }
            return lines;
        }
        return 1;
    }

    private void killService(ChannelHandlerContext ctx) {
        if (!settings.killAllowed()) {
            reply(ctx, new TcdReply.Error(TcdReply.Error.KILL_DISABLED, "KILL_SERVICE is disabled on this server"));
            return;
        }
        log.info("KILL_SERVICE from {}: stopping the server", ctx.channel().remoteAddress());
        // The sender gets nothing but the end of the stream (spec), not the shutdown notice.
        ctx.close();
        settings.killService().run();
    }

    private CompletionStage<?> join(ChannelHandlerContext ctx, TcdRequest.Join join) {
        if (!Names.isValid(join.room(), MAX_NAME_LENGTH)) {
            return error(ctx, TcdReply.Error.INVALID_NAME, "invalid room name");
        }
        if (!Names.isValid(join.clientName(), MAX_NAME_LENGTH)) {
            return error(ctx, TcdReply.Error.INVALID_NAME, "invalid client name");
        }
        String name = join.clientName();
        Optional<NameClaim> claim = names.claim(name, registered -> ctx.executor().execute(() -> evicted(ctx, name)));
        if (claim.isEmpty()) {
            return error(ctx, TcdReply.Error.NAME_RESERVED, names.isRegistered(name)
                    ? "name " + name + " belongs to a registered account" : "name " + name + " is in use by someone online");
        }
        return chat.rooms().open(join.room(), Addresses.origin(ClientAddress.of(ctx.channel())))
                .handleAsync((room, failure) -> {
                    RoomLimitException limit = RoomLimitException.in(failure);
                    if (limit != null) {
                        claim.get().release();
                        return error(ctx, TcdReply.Error.ROOM_LIMIT, limit.getMessage());
                    }
                    if (failure != null) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return joinOpened(ctx, room, join, claim.get());
                }, ctx.executor())
                .thenCompose(joined -> joined == null ? CompletableFuture.completedFuture(null) : joined)
                .whenComplete((joined, failure) -> {
                    if (failure != null) {
                        claim.get().release();
                    }
                });
    }

    private CompletionStage<?> joinOpened(ChannelHandlerContext ctx, Room room, TcdRequest.Join join, NameClaim claim) {
        if (session.rooms.containsKey(room.ref())) {
            // Already a member: JOINED again, no second announcement (and no second hold on a name).
            claim.release();
            reply(ctx, new TcdReply.Joined(join.room(), session.serverIp, session.port, room.ref(),
                    session.member.id()));
            return CompletableFuture.completedFuture(null);
        }
        session.expectJoinReply(room.ref(), join.room());
        String name = join.clientName();
        return chat.join(room, session.member, name)
                .thenRunAsync(() -> session.joined(room, claim), ctx.executor());
    }

    /**
     * The owner of a name this connection chats under has just registered it (account.md:
     * registered names are reserved on every protocol): the connection is told and closed, and
     * leaves its rooms as an abrupt close does.
     */
    private void evicted(ChannelHandlerContext ctx, String name) {
        if (ctx.channel().isActive() && !session.disconnecting) {
            session.disconnecting = true;
            ctx.writeAndFlush(new TcdReply.Error(TcdReply.Error.NAME_RESERVED,
                    "name " + name + " was just registered by its owner")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private CompletionStage<?> leave(ChannelHandlerContext ctx, TcdRequest.Leave leave) {
        // Echoed as sent (the spec), but never with a control character in it.
        String joinId = leave.joinId() != null ? Text.clean(leave.joinId(), false) : Long.toString(session.member.id());
        Room room = parseRef(leave.roomRef()).map(session.rooms::get).orElse(null);
        if (room == null) {
            // The handout: repeated or stray LEAVEs still get LEFT, with no announcement.
            reply(ctx, new TcdReply.Left(Text.clean(String.valueOf(leave.roomRef()), false), joinId));
            return null;
        }
        session.expectLeaveReply(room.ref(), joinId);
        return leaveAnnounced(room).thenRunAsync(() -> session.left(room.ref()), ctx.executor());
    }

    /** Posts without waiting for the store, unless the connection's {@link PostWindow} is full. */
    private CompletionStage<?> chat(ChannelHandlerContext ctx, TcdRequest.Chat message) {
        Optional<Room> room = parseRef(message.roomRef()).flatMap(chat.rooms()::byRef);
        if (room.isEmpty()) {
            error(ctx, TcdReply.Error.NO_SUCH_ROOM, "no room with ROOM_REF " + quote(message.roomRef()));
            return null;
        }
        if (!session.rooms.containsKey(room.get().ref())) {
            error(ctx, TcdReply.Error.NOT_A_MEMBER, "not a member of room " + room.get().ref());
            return null;
        }
        if (session.nameRevoked(room.get().ref())) {
            return null; // the owner registered the name; this connection is being closed
        }
        // The relayed name is the one this connection joined the room with (not CLIENT_NAME,
        // nor the JOIN_ID's owner: the scoring client sends another client's JOIN_ID).
        String author = room.get().nameOf(session.member).orElseThrow();
        metrics().messageReceived();
        CompletionStage<?> post = chat.post(room.get(), author, Text.clean(message.message(), true))
                .whenComplete((stored, failure) -> {
                    if (failure != null) {
                        logNotStored(room.get().ref(), failure);
                        ctx.executor().execute(() -> error(ctx, TcdReply.Error.SERVER_ERROR, "message not stored, try again"));
                    }
                });
        return posts.track(post);
    }

    private CompletionStage<?> disconnect(ChannelHandlerContext ctx) {
        session.disconnecting = true;
        return leaveAll().thenRunAsync(() -> {
            session.leftAll();
            // Close once the leave announcements queued before this are on the wire.
            reply(ctx, Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }, ctx.executor());
    }

    /** Leaves every room, in ascending ref order, announcing each leave. */
    private CompletableFuture<Void> leaveAll() {
        List<CompletableFuture<?>> leaves = new ArrayList<>();
        for (Room room : session.rooms.values()) {
            leaves.add(leaveAnnounced(room).toCompletableFuture());
        }
        return CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Long> leaveAnnounced(Room room) {
        String name = room.nameOf(session.member).orElseThrow();
        return chat.leave(room, session.member, name);
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
        // An abrupt close leaves the rooms as DISCONNECT would, once requests in flight are done.
        whenIdle(() -> {
            if (!session.rooms.isEmpty()) {
                leaveAll();
                session.leftAll();
            }
        });
        super.channelInactive(ctx);
    }

    @Override
    protected void requestFailed(ChannelHandlerContext ctx, Throwable failure) {
        if (causeOf(failure) instanceof StoreBusyException) {
            // A join refused by a full store queue: the store logs the episode once.
            log.debug("A request from {} was refused: {}", ctx.channel().remoteAddress(), failure.toString());
        } else {
            FAILURES.warn("A request from " + ctx.channel().remoteAddress() + " failed: " + failure);
        }
        error(ctx, TcdReply.Error.SERVER_ERROR, "request not completed, try again");
    }

    private static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    protected void flooded(ChannelHandlerContext ctx) {
        log.info("Closing {}: flooding", ctx.channel().remoteAddress());
        reply(ctx, new TcdReply.Error(TcdReply.Error.FLOODING, "too many requests, too fast"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            reply(ctx, new TcdReply.Error(TcdReply.Error.TOO_LONG, "message too long"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!AllocationFailures.report(cause, ctx.channel().remoteAddress())) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private CompletionStage<?> error(ChannelHandlerContext ctx, int code, String description) {
        reply(ctx, new TcdReply.Error(code, description));
        return null;
    }

    private static Optional<Integer> parseRef(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A client's value as an error quotes it: short, and with no control character. */
    private static String quote(String value) {
        String text = Text.clean(String.valueOf(value), false);
        return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH) + "...";
    }
}
