package io.parley.protocol.directory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.parley.core.directory.DirectoryRules;
import io.parley.core.directory.RoomDirectory;
import io.parley.core.room.RoomLimitException;
import io.parley.core.text.Text;
import io.parley.protocol.Addresses;
import io.parley.protocol.AllocationFailures;
import io.parley.protocol.OrderedRequestHandler;
import io.parley.protocol.RateLimitedLog;
import io.parley.protocol.SignedOn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a directory connection's commands do (spec: {@code shared/specs/directory.md}). Every
 * command gets exactly one reply, in the order the commands came: they run one at a time
 * ({@link OrderedRequestHandler}), and a change waits for the store before its reply. The verbs
 * are a table; the checks every verb shares (known verb, number of arguments) are made once,
 * before the verb's own. Event-loop only; one per connection.
 */
final class DirectoryHandler extends OrderedRequestHandler<DirectoryRequest> {

    private static final Logger log = LoggerFactory.getLogger(DirectoryHandler.class);
    /** Failed requests a client can repeat (every JOIN while the store is stalled): one line per interval. */
    private static final RateLimitedLog FAILURES = new RateLimitedLog(log, Duration.ofSeconds(10), Clock.systemUTC());
    /** How much of an unknown verb the error quotes, in characters (the spec's limit). */
    private static final int QUOTE_LENGTH = 32;

    /** What a verb does, given its checked number of arguments; returns null or the stage of its reply. */
    @FunctionalInterface
    private interface Action {
        CompletionStage<?> run(DirectoryHandler handler, ChannelHandlerContext ctx, List<String> arguments);
    }

    /** A verb: its usage line (also the usage error's text), its number of arguments, its action. */
    private record Verb(String usage, int arguments, Action action) {}

    private static final Map<String, Verb> VERBS = Map.of(
            "getdir", new Verb("getdir", 0, DirectoryHandler::getdir),
            "makeroom", new Verb("makeroom <name> <address> <port>", 3, DirectoryHandler::makeroom),
            "deleteroom", new Verb("deleteroom <name>", 1, DirectoryHandler::deleteroom),
            "bye", new Verb("bye", 0, DirectoryHandler::bye));

    private final RoomDirectory directory;
    /** Set by bye and by a line too long: the connection is closing and answers nothing more. */
    private boolean closing;

    DirectoryHandler(RoomDirectory directory) {
        super(DirectoryRequest.class);
        this.directory = directory;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // A directory user may sit at its prompt after connecting, so connecting is registering:
        // no deadline for a first command. A slow client can hold no more than one 4 KiB line
        // and its address's share of connections.
        SignedOn.fire(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected CompletionStage<?> handle(ChannelHandlerContext ctx, DirectoryRequest request) {
        if (closing) {
            return null;
        }
        if (request instanceof DirectoryRequest.LineTooLong) {
            closing = true;
            reply(ctx, new DirectoryReply.Error(DirectoryReply.Error.TOO_LONG, "line too long"))
                    .addListener(ChannelFutureListener.CLOSE);
            return null;
        }
        DirectoryRequest.Command command = (DirectoryRequest.Command) request;
        Verb verb = VERBS.get(command.verb().toLowerCase(Locale.ROOT));
        if (verb == null) {
            return error(ctx, DirectoryReply.Error.BAD_REQUEST, "unknown command " + quote(command.verb()));
        }
        if (command.arguments().size() != verb.arguments()) {
            return error(ctx, DirectoryReply.Error.BAD_REQUEST, "usage: " + verb.usage());
        }
        return verb.action().run(this, ctx, command.arguments());
    }

    private CompletionStage<?> getdir(ChannelHandlerContext ctx, List<String> arguments) {
        // Streamed a page at a time; the next command waits until the whole listing is written.
        CompletionStage<Void> written = new ListingStream(ctx, directory.list(), action -> whenWritable(ctx, action))
                .start();
        return written.toCompletableFuture().isDone() ? null : written;
    }

    private CompletionStage<?> makeroom(ChannelHandlerContext ctx, List<String> arguments) {
        String name = arguments.get(0);
        Optional<String> address = DirectoryRules.groupAddress(arguments.get(1));
        OptionalInt port = DirectoryRules.port(arguments.get(2));
        if (!DirectoryRules.isValidName(name)) {
            return error(ctx, DirectoryReply.Error.BAD_REQUEST, "invalid room name");
        }
        if (address.isEmpty()) {
            return error(ctx, DirectoryReply.Error.BAD_REQUEST,
                    "address must be an IPv4 multicast address in 239.0.0.0/8");
        }
        if (port.isEmpty()) {
            return error(ctx, DirectoryReply.Error.BAD_REQUEST, "port must be 1024-65535");
        }
        return directory.make(name, address.get(), port.getAsInt(), Addresses.origin(ctx.channel().remoteAddress()))
                .handleAsync((change, failure) -> {
                    RoomLimitException limit = RoomLimitException.in(failure);
                    if (limit != null) {
                        // A limit, not a failure: answered in the spec's form, and the connection goes on.
                        return reply(ctx, DirectoryReply.limited(limit));
                    }
                    if (failure != null) {
                        throw new CompletionException(failure);
                    }
                    return reply(ctx, DirectoryReply.of(change));
                }, ctx.executor());
    }

    private CompletionStage<?> deleteroom(ChannelHandlerContext ctx, List<String> arguments) {
        if (!DirectoryRules.isValidName(arguments.get(0))) {
            // No such room can exist, and its name is not fit to echo back.
            return error(ctx, DirectoryReply.Error.BAD_REQUEST, "invalid room name");
        }
        return directory.delete(arguments.get(0))
                .thenAcceptAsync(change -> reply(ctx, DirectoryReply.of(change)), ctx.executor());
    }

    private CompletionStage<?> bye(ChannelHandlerContext ctx, List<String> arguments) {
        closing = true;
        reply(ctx, new DirectoryReply.Ok("bye")).addListener(ChannelFutureListener.CLOSE);
        return null;
    }

    @Override
    protected void requestFailed(ChannelHandlerContext ctx, Throwable failure) {
        FAILURES.warn("A directory change from " + ctx.channel().remoteAddress() + " failed: " + failure);
        error(ctx, DirectoryReply.Error.SERVER_ERROR, "the directory could not be changed, try again");
    }

    @Override
    protected void flooded(ChannelHandlerContext ctx) {
        log.info("Closing {}: flooding", ctx.channel().remoteAddress());
        closing = true;
        reply(ctx, new DirectoryReply.Error(DirectoryReply.Error.TOO_MANY, "too many commands, too fast"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            // Answered in the line's place: the commands before it get their replies first.
            handleInTurn(ctx, new DirectoryRequest.LineTooLong());
            return;
        }
        if (!AllocationFailures.report(cause, ctx.channel().remoteAddress())) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static CompletionStage<?> error(ChannelHandlerContext ctx, int code, String text) {
        reply(ctx, new DirectoryReply.Error(code, text));
        return null;
    }

    /** The verb as an error may quote it: at most 32 characters, control characters as U+FFFD. */
    private static String quote(String verb) {
        StringBuilder quoted = new StringBuilder();
        verb.codePoints().limit(QUOTE_LENGTH).forEach(quoted::appendCodePoint);
        return Text.clean(quoted.toString(), false);
    }
}
