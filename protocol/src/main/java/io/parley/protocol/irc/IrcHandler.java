package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.parley.core.StoreBusyException;
import io.parley.core.account.NameClaim;
import io.parley.core.account.Recipient;
import io.parley.core.account.RegisteredNames;
import io.parley.core.room.Room;
import io.parley.core.room.RoomLimitException;
import io.parley.core.text.Text;
import io.parley.protocol.AllocationFailures;
import io.parley.protocol.Names;
import io.parley.protocol.OrderedRequestHandler;
import io.parley.protocol.SignedOn;
import io.parley.protocol.WireLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection (docs/irc.md): registration (CAP, PASS, NICK, USER), PING/PONG both ways,
 * channels as core rooms (JOIN, PART, PRIVMSG/NOTICE), messages to nicks, AWAY and QUIT; read-only
 * queries are {@link IrcQueries}, channel modes, TOPIC, INVITE and KICK {@link IrcChannelCommands}.
 * Replies are written as {@link IrcMessage}s.
 * Event-loop only; one per connection.
 */
final class IrcHandler extends OrderedRequestHandler<WireLine> {

    private static final Logger log = LoggerFactory.getLogger(IrcHandler.class);
    /** Commands a client may send before it has registered. */
    private static final Set<String> BEFORE_REGISTRATION = Set.of("CAP", "PASS", "NICK", "USER", "PING", "PONG", "QUIT",
            "AUTHENTICATE", "METADATA");

    private final IrcServer server;
    private final IrcSession session;
    private final IrcReplies replies;
    private final IrcQueries queries;
    private final IrcChathistory history;
    /** The client-only tags of the PRIVMSG/NOTICE in progress. */
    private java.util.Map<String, String> clientTags = java.util.Map.of();
    private final IrcChannelCommands channels;
    private final List<Object> out = new ArrayList<>();
    private final IrcIdentity identity;
    private final IrcSasl sasl;
    private final IrcMetadata metadata;
    /** Channel messages on their way to the store, and the fence other commands wait behind. */
    private final IrcPostPipeline posts = new IrcPostPipeline();
    /** Set when the handler is added: what identity events from other threads end. */
    private ChannelHandlerContext context;
    private String password;
    private boolean pingSent;
    private boolean closing;
    private boolean keptForWhowas;
    private final IrcMultiline multiline = new IrcMultiline();

    IrcHandler(IrcServer server, IrcSession session) {
        super(WireLine.class);
        this.server = server;
        this.session = session;
        this.replies = server.replies;
        this.queries = new IrcQueries(server, session, out);
        this.history = new IrcChathistory(server, session);
        this.channels = new IrcChannelCommands(server, session, out);
        this.metadata = new IrcMetadata(server, session, out);
        this.identity = new IrcIdentity(server, session, out, this::endFromElsewhere);
        this.sasl = new IrcSasl(server, session, out, account -> {
            server.readMarkers.loggedIn(session);
            IrcAccountNotices.loggedIn(server, session, notified(true));
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        super.handlerAdded(ctx);
    }

    /** Ends the connection from any thread (its name was registered, or its owner logged in elsewhere). */
    private void endFromElsewhere(String reason) {
        ChannelHandlerContext ctx = context;
        ctx.executor().execute(() -> {
            if (ctx.channel().isActive() && !closing) {
                server.quitting(session.member().id(), new IrcServer.Quit(session.source(), reason));
                closeWith(ctx, reason);
            }
        });
    }

    @Override
    protected CompletionStage<?> handle(ChannelHandlerContext ctx, WireLine line) {
        pingSent = false;
        if (closing) {
            return null;
        }
        IrcMessage message;
        try {
            message = IrcMessage.parse(line.text());
        } catch (IrcSyntaxException e) {
            if (!line.utf8()) {
                out.add(IrcUtf8Only.refusal(replies, null));
                flush(ctx);
            } else if (e.problem() == IrcSyntaxException.Problem.INPUT_TOO_LONG) {
                numeric(ERR_INPUTTOOLONG, "Input line was too long");
                flush(ctx);
            }
            return null; // an empty or unreadable line is ignored, as servers do
        }
        if (posts.fenced() && (!line.utf8() || !pipelined(message))) {
            // (A line that is not UTF-8 is refused, after the replies of the messages before it.)
            // Its replies come after the echoes and errors of the messages before it, and after
            // the other members have those messages.
            return posts.fence().thenComposeAsync(ignored -> {
                CompletionStage<?> stage = closing ? null : run(ctx, message, line.utf8());
                return stage == null ? CompletableFuture.completedFuture(null) : stage;
            }, ctx.executor());
        }
        return run(ctx, message, line.utf8());
    }

    /**
     * A plain message to channels: handled while the messages before it are still being stored
     * ({@link IrcPostPipeline}). Not a labeled one: its echo carries the label of the command in
     * progress; nor a CTCP that is not an ACTION (below).
     */
    private boolean pipelined(IrcMessage message) {
        String command = message.command();
        if (!(command.equals("PRIVMSG") || command.equals("NOTICE")) || !session.isRegistered()
                || message.param(0) == null || IrcLabels.wanted(message, session)) {
            return false;
        }
        for (String target : message.param(0).split(",")) {
            if (!target.isEmpty() && !IrcChannels.isChannel(target)) {
                return false;
            }
        }
        // A CTCP other than ACTION goes straight to the members' loops, not through the store
        // (IrcChannelDirect): it waits for the messages before it, or it would overtake them.
        return message.param(1) == null || !IrcCtcp.isOtherThanAction(message.param(1));
    }

    /** Runs one parsed command; null when it is done, else a stage that completes when it is. */
    private CompletionStage<?> run(ChannelHandlerContext ctx, IrcMessage message, boolean utf8) {
        CompletionStage<Void> before = posts.settled();
        boolean behind = posts.busy();
        session.labels.start(message, session);
        if (!utf8) { // UTF8ONLY: refused, never acted on or relayed
            out.add(IrcUtf8Only.refusal(replies, message));
            finishLabel(ctx);
            return null;
        }
        CompletionStage<?> stage;
        try {
            stage = command(ctx, message);
        } catch (IllegalArgumentException e) {
            // A reply that could not be one line (a parameter the client chose): refuse it.
            log.debug("IRC reply refused: {}", e.getMessage());
            stage = null;
        }
        if (behind && !out.isEmpty()) {
            // A pipelined message's errors: after the echoes of the messages before it.
            List<Object> held = List.copyOf(out);
            out.clear();
            CompletionStage<?> told = before.thenRunAsync(() -> {
                out.addAll(held);
                finishLabel(ctx);
            }, ctx.executor());
            return stage == null ? told : told.thenCombine(stage, (a, b) -> null);
        }
        if (stage == null) {
            finishLabel(ctx);
            return null;
        }
        flush(ctx);
        // A command that completes later is labeled (labeled-response) once it is done, on the loop.
        return stage.handleAsync((ignored, failure) -> {
            finishLabel(ctx);
            return null;
        }, ctx.executor());
    }

    private CompletionStage<?> command(ChannelHandlerContext ctx, IrcMessage message) {
        String command = message.command();
        if (!session.isRegistered() && !BEFORE_REGISTRATION.contains(command)) {
            numeric(ERR_NOTREGISTERED, "You have not registered");
            return null;
        }
        if (multiline.takes(message)) { // draft/multiline: the batch is one message, sent at its end
            IrcMultiline.Message done = multiline.accept(message, session, session.labels.setAside(), out, replies);
            return done == null ? null : sendMultiline(ctx, done);
        }
        switch (command) {
            case "CAP" -> {
                out.addAll(session.caps.handle(message, session.nick()));
                return tryToRegister(ctx);
            }
            case "PASS" -> pass(message);
            case "AUTHENTICATE" -> {
                CompletionStage<?> check = sasl.authenticate(ctx, message);
                return check == null ? null : check.thenRun(() -> flush(ctx));
            }
            case "SETNAME" -> {
                // Answered once the others' loops have written it, as MODE or TOPIC (IrcLoopsCaughtUp).
                return IrcLoopsCaughtUp.afterSessions(IrcAccountNotices.setname(server, session, message, out, notified(true)));
            }
            case "NICK" -> {
                return nick(ctx, message);
            }
            case "USER" -> {
                return user(ctx, message);
            }
            case "PING" -> ping(message);
            case "PONG" -> { } // any line counts as an answer
            case "QUIT" -> {
                return quit(ctx, message.param(0) == null ? "Client quit" : "Quit: " + message.param(0));
            }
            case "JOIN" -> {
                return join(ctx, message);
            }
            case "PART" -> {
                return part(ctx, message);
            }
            case "PRIVMSG", "NOTICE" -> {
                return privmsg(ctx, message);
            }
            case "TOPIC" -> {
                return channels.topic(message);
            }
            case "MODE" -> {
                return mode(message);
            }
            case "AWAY" -> {
                return away(message);
            }
            case "TAGMSG" -> IrcTagMessages.tagmsg(server, session, message, out);
            case "CHATHISTORY" -> {
                return history.run(message, out, ctx.executor());
            }
            case "REDACT" -> {
                return IrcRedactions.redact(server, session, message, out, ctx.executor());
            }
            case "MONITOR" -> {
                return server.monitor.command(session, message, out, IrcOnLoop.of(ctx));
            }
            case "METADATA" -> metadata.command(message);
            case IrcReadMarkers.COMMAND -> server.readMarkers.command(session, message, out);
            case "NAMES" -> queries.names(message);
            case "LIST" -> queries.list(message);
            case "WHO" -> {
                return queries.who(message, IrcOnLoop.of(ctx));
            }
            case "WHOIS" -> {
                return queries.whois(message, IrcOnLoop.of(ctx));
            }
            case "ISON" -> {
                return queries.ison(message, IrcOnLoop.of(ctx));
            }
            case "USERHOST" -> queries.userhost(message);
            case "LUSERS" -> {
                return queries.lusers(IrcOnLoop.of(ctx));
            }
            case "MOTD" -> queries.motd();
            case "TIME" -> numeric(RPL_TIME, server.settings.serverName(), Instant.now().toString());
            case "VERSION" -> {
                numeric("351", IrcServer.VERSION, server.settings.serverName(), server.settings.description());
                out.addAll(server.isupportLines(session.nick()));
            }
            case "INFO" -> {
                numeric(RPL_INFO, server.settings.description() + ", version " + IrcServer.VERSION);
                numeric(RPL_INFO, "Started " + server.created);
                numeric(RPL_ENDOFINFO, "End of /INFO list");
            }
            case "LINKS" -> {
                numeric("364", server.settings.serverName(), server.settings.serverName(), "0 " + server.settings.description());
                numeric("365", "*", "End of /LINKS list");
            }
            case "HELP", "HELPOP" -> help(message);
            case "INVITE" -> {
                return channels.invite(message);
            }
            case "KICK" -> {
                return channels.kick(message);
            }
            case "WHOWAS" -> queries.whowas(message);
            case "OPER" -> oper(message);
            case "KILL" -> kill(message);
            case "WALLOPS" -> wallops(message);
            default -> numeric(ERR_UNKNOWNCOMMAND, command, "Unknown command");
        }
        return null;
    }

    // ---- registration ----

    private void pass(IrcMessage message) {
        if (session.isRegistered()) {
            numeric(ERR_ALREADYREGISTERED, "You may not reregister");
        } else if (message.param(0) == null) {
            numeric(ERR_NEEDMOREPARAMS, "PASS", "Not enough parameters");
        } else {
            password = message.param(0);
        }
    }

    private CompletionStage<?> user(ChannelHandlerContext ctx, IrcMessage message) {
        if (session.isRegistered() || session.hasUser()) {
            numeric(ERR_ALREADYREGISTERED, "You may not reregister");
            return null;
        }
        if (message.params().size() < 4 || message.param(0).isEmpty() || message.param(3).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "USER", "Not enough parameters");
            return null;
        }
        session.user(IrcSources.ircUser(message.param(0)), message.param(3));
        return tryToRegister(ctx);
    }

    private CompletionStage<?> nick(ChannelHandlerContext ctx, IrcMessage message) {
        String nick = message.param(0);
        if (nick == null || nick.isEmpty()) {
            numeric(ERR_NONICKNAMEGIVEN, "No nickname given");
            return null;
        }
        Optional<String> problem = IrcNicks.problem(nick);
        Optional<String> name = IrcNicks.toName(nick);
        if (problem.isPresent() || name.isEmpty() || Names.problem(name.get(), IrcNicks.NICKLEN).isPresent()) {
            numeric(ERR_ERRONEUSNICKNAME, nick, "Erroneous nickname");
            return null;
        }
        if (session.hasNick() && nick.equals(session.nick())) {
            return null;
        }
        String oldSource = session.source();
        boolean renamed = session.isRegistered()
                && !io.parley.core.text.NameKeys.key(session.name()).equals(io.parley.core.text.NameKeys.key(name.get()));
        IrcServer.Former former = renamed ? server.former(session) : null;
        CompletionStage<Boolean> taken = identity.take(nick, name.get(), IrcOnLoop.of(ctx));
        CompletableFuture<Boolean> now = taken.toCompletableFuture();
        if (now.isDone()) { // a single node's, and any nick not claimed in a cluster's directory
            return now.join() ? nickTaken(ctx, nick, oldSource, former) : null;
        }
        return taken.thenComposeAsync(ok -> {
            CompletionStage<?> next = ok ? nickTaken(ctx, nick, oldSource, former) : null;
            return next == null ? CompletableFuture.completedFuture(null) : next;
        }, IrcOnLoop.of(ctx));
    }

    /** After NICK took its nick: the change told, or registration tried. */
    private CompletionStage<?> nickTaken(ChannelHandlerContext ctx, String nick, String oldSource, IrcServer.Former former) {
        if (former != null) {
            server.left(former);
            server.monitor.offline(IrcNicks.toName(former.nick()).orElse(former.nick()), former.nick());
            server.monitor.online(session);
        }
        if (session.isRegistered()) {
            IrcDirect change = new IrcDirect(IrcMessage.from(oldSource, "NICK", nick), Instant.now());
            out.add(change); // the reply to the user's own NICK (labeled, if the command was)
            Set<IrcSession> others = neighbours(false);
            for (IrcSession other : others) {
                other.member().push(change);
            }
            return IrcLoopsCaughtUp.afterSessions(others); // the others have it before the next reply
        }
        return tryToRegister(ctx);
    }

    /**
     * Registers the connection once it has its nick and user (and CAP negotiation is over): null
     * when done within the call, else a stage that completes once the welcome burst is out (a
     * cluster's LUSERS count is answered off the loop; the MOTD follows it, in order).
     */
    private CompletionStage<?> tryToRegister(ChannelHandlerContext ctx) {
        if (session.isRegistered() || !session.hasNick() || !session.hasUser() || session.caps.holdsRegistration()) {
            return null;
        }
        String required = server.settings.password();
        if (!required.isEmpty() && !required.equals(password)) {
            numeric(ERR_PASSWDMISMATCH, "Password incorrect");
            closeWith(ctx, "Bad password");
            return null;
        }
        if (!identity.settle()) {
            return null; // a registered nick without its account's login: 433, the client sends another
        }
        session.registered();
        session.caps.registered();
        server.joinedAsMember(session);
        server.monitor.online(session);
        SignedOn.fire(ctx.channel());
        String serverName = server.settings.serverName();
        numeric(RPL_WELCOME, "Welcome to the " + server.settings.network() + " IRC Network " + session.source());
        numeric(RPL_YOURHOST, "Your host is " + serverName + ", running version " + IrcServer.VERSION);
        numeric(RPL_CREATED, "This server was created " + server.created);
        numeric(RPL_MYINFO, serverName, IrcServer.VERSION, IrcServer.USER_MODES, IrcServer.CHANNEL_MODES);
        out.addAll(server.isupportLines(session.nick()));
        CompletionStage<?> counted = queries.lusers(IrcOnLoop.of(ctx));
        if (counted == null) {
            welcomed();
            return null;
        }
        return counted.thenRunAsync(this::welcomed, IrcOnLoop.of(ctx));
    }

    /** The end of the welcome burst, after LUSERS. */
    private void welcomed() {
        queries.motd();
        metadata.registered();
    }

    private void ping(IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(ERR_NOORIGIN, "No origin specified");
            return;
        }
        out.add(IrcMessage.from(server.settings.serverName(), "PONG", server.settings.serverName(), message.param(0)));
    }

    private CompletionStage<?> quit(ChannelHandlerContext ctx, String reason) {
        // Watchers learn at once, not when the socket has closed, and before the ERROR is out.
        CompletionStage<Void> watchersTold = server.monitor.quitting(session);
        server.quitting(session.member().id(), new IrcServer.Quit(session.source(), Text.clean(reason, false)));
        keepForWhowas(); // WHOWAS knows the user once QUIT is answered
        identity.leave(); // the nick is free once QUIT is answered, not only once the socket is gone
        // The channels' members see the QUIT before the quitter's ERROR, as from servers that
        // write it to them at once: the leaves are stored and their members' loops have run them.
        List<Room> rooms = List.copyOf(session.rooms.values());
        List<CompletableFuture<?>> leaves = new ArrayList<>();
        for (Room room : rooms) {
            leaves.add(leave(room).toCompletableFuture());
        }
        CompletionStage<Void> membersTold = IrcLoopsCaughtUp.afterMembersOf(rooms,
                CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new)));
        return watchersTold.thenCombine(membersTold, (watchers, members) -> null)
                .thenRunAsync(() -> closeWith(ctx, reason), ctx.executor());
    }

    /** Remembers this registered user for WHOWAS, once (at QUIT, else when the connection ends). */
    private void keepForWhowas() {
        if (session.isRegistered() && !keptForWhowas) {
            keptForWhowas = true;
            server.left(session);
        }
    }

    // ---- channels ----

    private CompletionStage<?> join(ChannelHandlerContext ctx, IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "JOIN", "Not enough parameters");
            return null;
        }
        if (message.param(0).equals("0")) {
            for (Room room : List.copyOf(session.rooms.values())) {
                leave(room);
            }
            return null;
        }
        CompletionStage<?> chain = CompletableFuture.completedFuture(null);
        List<Room> joined = new ArrayList<>(); // event loop only: each joinOne adds on ctx's loop
        String[] keys = message.param(1) == null ? new String[0] : message.param(1).split(",");
        String[] names = message.param(0).split(",");
        for (int i = 0; i < names.length; i++) {
            String channel = names[i];
            String key = i < keys.length ? keys[i] : null;
            if (channel.isEmpty()) {
                continue;
            }
            Optional<String> roomName = IrcChannels.problem(channel).isPresent() ? Optional.empty() : IrcChannels.toRoom(channel);
            if (roomName.isEmpty() || Names.problem(roomName.get(), IrcChannels.CHANNELLEN).isPresent()) {
                numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
                continue;
            }
            chain = chain.thenCompose(ignored -> joinOne(ctx, channel, roomName.get(), key, joined));
        }
        // As PART's: the other members' loops have run the JOIN lines before the joiner's next
        // command is answered (a PING barrier, a PRIVMSG they must see after the JOIN).
        return chain.thenCompose(ignored -> IrcLoopsCaughtUp.afterMembersOf(joined));
    }

    /**
     * Joins one room; completes on the event loop once the joiner has its topic and names, and
     * adds the room to {@code joined} if it joined.
     */
    private CompletionStage<?> joinOne(ChannelHandlerContext ctx, String channel, String roomName, String key,
            List<Room> joined) {
        if (!ctx.channel().isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<Room> known = server.chat.rooms().byName(roomName);
        if (known.isPresent() && session.rooms.containsKey(known.get().ref())) {
            return CompletableFuture.completedFuture(null);
        }
        if (known.isPresent() && !server.modesRead(known.get())) {
            // A room another node made, not read here yet: its stored modes decide the join.
            return server.readModes(known.get()).handleAsync((read, failure) -> {
                if (failure != null) {
                    joinFailed(channel, failure);
                    flush(ctx);
                    return CompletableFuture.completedFuture(null);
                }
                return joinOne(ctx, channel, roomName, key, joined);
            }, ctx.executor()).thenCompose(next -> next);
        }
        if (known.isPresent() && !channels.mayJoin(known.get(), channel, key)) {
            return CompletableFuture.completedFuture(null); // the refusal is in the output
        }
        return server.chat.rooms().open(roomName, io.parley.protocol.Addresses.origin(ctx.channel().remoteAddress()))
                .thenCompose(room -> server.readModes(room).thenApply(read -> room))
                .thenComposeAsync(room -> {
                    if (known.isEmpty() && !channels.mayJoin(room, channel, key)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return server.chat.join(room, session.member(), session.name()).thenApply(boundary -> room);
                }, ctx.executor())
                .handleAsync((room, failure) -> {
                    if (failure != null) {
                        joinFailed(channel, failure);
                    } else if (room != null) {
                        joined.add(room);
                        session.rooms.put(room.ref(), room);
                        channels.joined(room);
                        server.firstSeen(room);
                        queries.topic(room, false);
                        server.readMarkers.joined(session, IrcChannels.toChannel(room.name()), out);
                        queries.names(room);
                        metadata.joined(room);
                    }
                    flush(ctx);
                    return null;
                }, ctx.executor());
    }

    private void joinFailed(String channel, Throwable failure) {
        RoomLimitException limit = RoomLimitException.in(failure);
        if (limit != null) {
            numeric(ERR_TOOMANYCHANNELS, channel, "Cannot create more channels now: " + limit.getMessage());
        } else {
            if (!(failure.getCause() instanceof StoreBusyException)) {
                log.warn("Joining {} failed: {}", Text.clean(channel, false), failure.toString());
            }
            numeric(ERR_UNAVAILRESOURCE, channel, "Cannot join now, try again");
        }
    }

    /**
     * Parts the channels; completes once the leaves are handed to every member's loop and those
     * loops have run them ({@link IrcLoopsCaughtUp}), so the parter's next command (a PING barrier,
     * a JOIN) is answered after its own PART line, and the other members have theirs by then.
     */
    private CompletionStage<?> part(ChannelHandlerContext ctx, IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "PART", "Not enough parameters");
            return null;
        }
        List<CompletableFuture<?>> leaves = new ArrayList<>();
        List<Room> left = new ArrayList<>();
        for (String channel : message.param(0).split(",")) {
            Optional<Room> room = joinedRoom(channel);
            if (room.isEmpty()) {
                if (server.chat.rooms().byName(IrcChannels.toRoom(channel).orElse("")).isEmpty()) {
                    numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
                } else {
                    numeric(ERR_NOTONCHANNEL, channel, "You're not on that channel");
                }
                continue;
            }
            String reason = message.param(1);
            if (reason == null || reason.isEmpty()) {
                server.forgetPart(session.member().id(), room.get().ref());
            } else {
                server.parting(session.member().id(), room.get().ref(),
                        IrcLimits.split(Text.clean(reason, false), IrcIsupport.TEXT_LENGTH).get(0));
                long id = session.member().id();
                int ref = room.get().ref();
                ctx.executor().schedule(() -> server.forgetPart(id, ref), 60, TimeUnit.SECONDS);
            }
            leaves.add(leave(room.get()).toCompletableFuture());
            left.add(room.get());
        }
        return leaves.isEmpty() ? null : IrcLoopsCaughtUp.afterMembersOf(left,
                CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new)));
    }

    /** Leaves a room; the PART reaches this connection (and every IRC member) as the room's event. */
    private CompletionStage<Long> leave(Room room) {
        session.rooms.remove(room.ref());
        server.channel(room).forget(io.parley.core.room.MemberRef.of(session.member(), session.name()));
        return server.chat.leave(room, session.member(), room.nameOf(session.member()).orElse(session.name()));
    }

    /** The room {@code channel} names, if this connection is in it. */
    Optional<Room> joinedRoom(String channel) {
        return IrcChannels.toRoom(channel).flatMap(server.chat.rooms()::byName)
                .filter(room -> session.rooms.containsKey(room.ref()));
    }

    private CompletionStage<?> privmsg(ChannelHandlerContext ctx, IrcMessage message) {
        String command = message.command();
        boolean notice = command.equals("NOTICE");
        if (message.param(0) == null || message.param(0).isEmpty()) {
            if (!notice) {
                numeric(ERR_NORECIPIENT, "No recipient given (" + command + ")");
            }
            return null;
        }
        if (message.param(1) == null || message.param(1).isEmpty()) {
            if (!notice) {
                numeric(ERR_NOTEXTTOSEND, "No text to send");
            }
            return null;
        }
        String text = message.param(1);
        clientTags = IrcClientTags.clientOnly(message.tags());
        // The command is done when every target's stage is: a labeled PRIVMSG #chan,nick is
        // labeled once the channel's echo is out too, not when the quicker nick is.
        List<CompletableFuture<?>> pending = new ArrayList<>(2);
        for (String target : new LinkedHashSet<>(List.of(message.param(0).split(",")))) {
            if (target.isEmpty()) {
                continue;
            }
            CompletionStage<?> stage = null;
            if (IrcStatusMessages.isStatusTarget(target)) {
                Room sentTo = IrcStatusMessages.send(server, session, channels, command, target, text, notice,
                        clientTags, out);
                if (sentTo != null) {
                    posts.handedTo(sentTo); // fenced as a CTCP is: the next command waits for its loops
                }
            } else if (IrcChannels.isChannel(target)) {
                stage = toChannel(ctx, command, target, text, notice);
            } else {
                stage = toNick(ctx, command, target, text, notice);
            }
            if (stage != null) {
                pending.add(stage.toCompletableFuture());
            }
        }
        return switch (pending.size()) {
            case 0 -> null;
            case 1 -> pending.get(0);
            default -> CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        };
    }

    /** A complete multiline batch: one message to its channel, labeled as its start was. */
    private CompletionStage<?> sendMultiline(ChannelHandlerContext ctx, IrcMultiline.Message done) {
        session.labels.resume(done.label());
        if (!IrcChannels.isChannel(done.target())) {
            out.add(replies.standardReply(FAIL, "BATCH", "MULTILINE_INVALID", "Multiline messages go to channels only"));
            return null;
        }
        clientTags = done.clientTags();
        return toChannel(ctx, "PRIVMSG", done.target(), done.combined(), false, done.lines());
    }

    private CompletionStage<?> toChannel(ChannelHandlerContext ctx, String command, String target, String text, boolean notice) {
        return toChannel(ctx, command, target, text, notice, null);
    }

    /** {@code layout}: the lines of a multiline batch ({@code text} is then their Parley text, combined), else null. */
    private CompletionStage<?> toChannel(ChannelHandlerContext ctx, String command, String target, String text, boolean notice,
            List<IrcMultiline.Line> layout) {
        Optional<Room> exists = IrcChannels.toRoom(target).flatMap(server.chat.rooms()::byName);
        if (exists.isEmpty()) {
            if (!notice) {
                numeric(ERR_NOSUCHCHANNEL, target, "No such channel");
            }
            return null;
        }
        Room room = exists.get();
        String channel = IrcChannels.toChannel(room.name());
        if (!channels.maySpeak(room, channel, notice)) {
            return null;
        }
        if (!IrcCtcp.allowedIn(server.channel(room), text)) {
            if (!notice) {
                numeric(ERR_CANNOTSENDTOCHAN, channel, "Cannot send CTCP to channel (+C)");
            }
            return null;
        }
        if (layout == null && !relayFits(command, channel, text)) {
            numeric(ERR_INPUTTOOLONG, "Input line was too long");
            return null;
        }
        if (IrcCtcp.isOtherThanAction(text)) {
            metrics().messageReceived(); // IRC client traffic: to the IRC members as sent, not stored
            IrcChannelDirect.send(server, session, room, channel, command, text, clientTags, member -> true, out);
            posts.handedTo(room);
            return null;
        }
        metrics().messageReceived();
        String body = layout == null ? IrcTexts.toParley(text) : text;
        server.clientTags.posting(room.ref(), session.name(), body, new IrcClientTags.Relay(clientTags, notice, layout), ctx.executor());
        CompletionStage<?> post = server.chat.post(room, session.name(), body);
        Runnable notStored = () -> {
            out.add(IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(),
                    "Your message to " + channel + " was not stored, try again"));
            flush(ctx);
        };
        if (session.labels.holding()) {
            // A labeled message waits until it is stored and handed to the room: its echo
            // carries its label, so no other command may be in progress before then.
            // Done once the other members' loops have run it too (IrcLoopsCaughtUp).
            return post.handle((stored, failure) -> failure)
                    .thenCompose(failure -> IrcLoopsCaughtUp.afterMembersOf(List.of(room)).thenApply(caughtUp -> failure))
                    .thenAcceptAsync(failure -> {
                        if (failure != null) {
                            notStored.run();
                        }
                    }, ctx.executor());
        }
        // The connection reads on while it is stored; a command after it that is not another
        // such message waits for it (a PING is answered after its echo: irctest's and bots' barrier).
        return posts.track(post, room, ctx.executor(), failure -> notStored.run());
    }

    private CompletionStage<?> toNick(ChannelHandlerContext ctx, String command, String target, String text, boolean notice) {
        Optional<IrcSession> recipient = IrcNicks.toName(target).flatMap(server::user).filter(IrcSession::isRegistered);
        if (recipient.isEmpty()) {
            // Another protocol's user (an account user), or a user on another node of a cluster
            // (looked up off the loop): the core's private message, stored first.
            Optional<String> name = IrcNicks.toName(target);
            CompletionStage<Optional<Recipient>> found = name.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty()) : server.presence.reachable(name.get());
            return IrcOnLoop.pending(found.thenComposeAsync(other -> {
                if (other.isPresent() && relayFits(command, target, text)) {
                    metrics().messageReceived();
                    return IrcPrivateMessages.send(ctx, server, session, out, command, target, other.get(), text, notice);
                }
                if (other.isPresent()) {
                    numeric(ERR_INPUTTOOLONG, "Input line was too long");
                } else if (!notice) {
                    numeric(ERR_NOSUCHNICK, target, "No such nick/channel");
                }
                return CompletableFuture.completedFuture(null);
            }, IrcOnLoop.of(ctx)).thenRun(() -> flush(ctx)));
        }
        IrcSession to = recipient.get();
        if (!relayFits(command, to.nick(), text)) {
            numeric(ERR_INPUTTOOLONG, "Input line was too long");
            return null;
        }
        metrics().messageReceived();
        if (IrcConversations.kept(command, text)) {
            return IrcConversations.send(ctx, server, session, out, to, clientTags, text).thenRun(() -> flush(ctx));
        }
        IrcDirect direct = new IrcDirect(IrcTagMessages.direct(server, session, clientTags, command, to.nick(), text), Instant.now());
        // The next command waits until the message is out to the recipient: a PING after a
        // PRIVMSG (irctest's and bots' barrier) is answered only then, as for a channel message.
        CompletionStage<Void> delivered = IrcPushes.messageFlushed(to, direct);
        if (session.has(IrcCapabilities.ECHO_MESSAGE)) {
            out.add(direct);
        }
        if (!notice && to.away() != null) {
            numeric(RPL_AWAY, to.nick(), to.away());
        }
        return delivered;
    }

    /** Whether the message as relayed, from this user's full source, fits one line. */
    private boolean relayFits(String command, String target, String text) {
        return IrcMessage.from(session.source(), command, target, text).bodyBytes() <= IrcLimits.MAX_BODY_BYTES;
    }

    /** A channel MODE may wait for the store (null when done at once); a user MODE does not. */
    private CompletionStage<?> mode(IrcMessage message) {
        String target = message.param(0);
        if (target == null || target.isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "MODE", "Not enough parameters");
            return null;
        }
        if (IrcChannels.isChannel(target)) {
            return channels.mode(message);
        }
        userMode(message, target);
        return null;
    }

    private void userMode(IrcMessage message, String target) {
        if (!IrcCasemapping.same(target, session.nick())) {
            numeric(server.user(IrcNicks.toName(target).orElse("")).isPresent() ? ERR_USERSDONTMATCH : ERR_NOSUCHNICK,
                    target, "Cannot change mode for other users");
            return;
        }
        String change = message.param(1);
        if (change == null) {
            numeric(RPL_UMODEIS, session.modes());
            return;
        }
        boolean add = true;
        StringBuilder applied = new StringBuilder();
        boolean unknown = false;
        for (char c : change.toCharArray()) {
            if (c == '+' || c == '-') {
                add = c == '+';
            } else if (c == 'w') {
                if (session.wallops() != add) {
                    session.wallops(add);
                    applied.append(add ? '+' : '-').append('w');
                }
            } else if (c == 'o') {
                if (!add && session.operator()) {
                    session.operator(false);
                    applied.append("-o");
                }
            } else if (c == 'i') {
                if (session.invisible() != add) {
                    session.invisible(add);
                    applied.append(add ? '+' : '-').append('i');
                }
            } else if (c == IrcBotMode.MODE) {
                if (session.bot() != add) {
                    session.bot(add);
                    applied.append(add ? '+' : '-').append(IrcBotMode.MODE);
                }
            } else {
                unknown = true;
            }
        }
        if (unknown) {
            numeric(ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
        if (applied.length() > 0) {
            out.add(IrcMessage.from(session.source(), "MODE", session.nick(), applied.toString()));
        }
    }

    /** Completes once the neighbours and watchers are flushed the AWAY (the next command waits for it). */
    private CompletionStage<?> away(IrcMessage message) {
        String text = message.param(0);
        boolean back = text == null || text.isEmpty();
        session.away(back ? null : IrcLimits.split(Text.clean(text, false), IrcIsupport.TEXT_LENGTH).get(0));
        if (back) {
            numeric(RPL_UNAWAY, "You are no longer marked as being away");
        } else {
            numeric(RPL_NOWAWAY, "You have been marked as being away");
        }
        IrcMessage notify = back ? IrcMessage.from(session.source(), "AWAY") : IrcMessage.from(session.source(), "AWAY", session.away());
        IrcDirect direct = new IrcDirect(notify, Instant.now());
        List<CompletableFuture<Void>> told = new ArrayList<>();
        for (IrcSession other : notified(false)) {
            if (other.has(IrcCapabilities.AWAY_NOTIFY)) {
                told.add(IrcPushes.pushFlushed(other, direct));
            }
        }
        return told.isEmpty() ? null : CompletableFuture.allOf(told.toArray(CompletableFuture[]::new));
    }

    private void help(IrcMessage message) {
        String subject = message.param(0) == null || message.param(0).isEmpty() ? "*" : message.param(0);
        Optional<String> text = subject.equals("*") ? Optional.of(IrcHelp.index()) : IrcHelp.of(subject);
        if (text.isEmpty()) {
            numeric(ERR_HELPNOTFOUND, subject, "No help available on this topic");
            return;
        }
        numeric(RPL_HELPSTART, subject, subject.equals("*") ? "Help" : "Help on " + subject);
        numeric(RPL_HELPTXT, subject, text.get());
        numeric(RPL_ENDOFHELP, subject, "End of /HELP");
    }

    // ---- operators ----

    private void oper(IrcMessage message) {
        if (message.params().size() < 2) {
            numeric(ERR_NEEDMOREPARAMS, "OPER", "Not enough parameters");
            return;
        }
        IrcSettings settings = server.settings;
        boolean nameMatches = !settings.operName().isEmpty() && settings.operName().equals(message.param(0));
        boolean passwordMatches = java.security.MessageDigest.isEqual(
                settings.operPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                message.param(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!nameMatches || !passwordMatches) {
            log.info("Failed OPER from {}", session.host());
            numeric(ERR_PASSWDMISMATCH, "Password incorrect");
            return;
        }
        session.operator(true);
        numeric(RPL_YOUREOPER, "You are now an IRC operator");
        out.add(IrcMessage.from(session.source(), "MODE", session.nick(), "+o"));
    }

    private void kill(IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "KILL", "Not enough parameters");
            return;
        }
        if (!session.operator()) {
            numeric(ERR_NOPRIVILEGES, "Permission Denied- You're not an IRC operator");
            return;
        }
        Optional<IrcSession> target = IrcNicks.toName(message.param(0)).flatMap(server::user).filter(IrcSession::isRegistered);
        if (target.isEmpty()) {
            numeric(ERR_NOSUCHNICK, message.param(0), "No such nick/channel");
            return;
        }
        String reason = "Killed (" + session.nick() + " (" + Text.clean(message.param(1) == null ? "no reason" : message.param(1), false) + "))";
        server.quitting(target.get().member().id(), new IrcServer.Quit(target.get().source(), reason));
        target.get().kill("Closing Link: " + target.get().host() + " (" + reason + ")");
    }

    private void wallops(IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "WALLOPS", "Not enough parameters");
            return;
        }
        if (!session.operator()) {
            numeric(ERR_NOPRIVILEGES, "Permission Denied- You're not an IRC operator");
            return;
        }
        IrcDirect wallops = new IrcDirect(IrcMessage.from(session.source(), "WALLOPS", Text.clean(message.param(0), false)),
                Instant.now());
        for (IrcSession user : server.registeredUsers()) {
            if (user.wallops()) {
                user.member().push(wallops);
            }
        }
    }

    /** The registered IRC users who share a room with this one (and this one, if {@code self}). */
    /** The neighbours, and the users who MONITOR this one with {@code extended-monitor}: who hears of AWAY, ACCOUNT, SETNAME. */
    private Set<IrcSession> notified(boolean self) {
        Set<IrcSession> found = neighbours(self);
        found.addAll(server.monitor.extendedWatchers(session));
        return found;
    }

    private Set<IrcSession> neighbours(boolean self) {
        Set<IrcSession> found = new LinkedHashSet<>();
        if (self) {
            found.add(session);
        }
        for (Room room : session.rooms.values()) {
            found.addAll(server.ircMembers(room));
        }
        if (!self) {
            found.remove(session);
        }
        return found;
    }

    // ---- the connection ----

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (pingSent) {
                server.quitting(session.member().id(), new IrcServer.Quit(session.source(), "Ping timeout"));
                closeWith(ctx, "Ping timeout: " + server.settings.pingSeconds() + " seconds");
            } else {
                pingSent = true;
                reply(ctx, IrcMessage.of("PING", server.settings.serverName()));
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        whenIdle(() -> {
            long id = session.member().id();
            if (server.quitOf(id).isEmpty()) {
                server.quitting(id, new IrcServer.Quit(session.source(), "Connection closed"));
            }
            for (Room room : List.copyOf(session.rooms.values())) {
                leave(room);
            }
            server.monitor.gone(session);
            server.readMarkers.gone(session);
            keepForWhowas();
            identity.leave();
            // Leaves reach other loops after this: keep what renders them as QUIT a while.
            ctx.executor().schedule(() -> {
                server.gone(session);
                server.forgetQuit(id);
            }, 60, TimeUnit.SECONDS);
        });
        super.channelInactive(ctx);
    }

    @Override
    protected void requestFailed(ChannelHandlerContext ctx, Throwable failure) {
        log.debug("An IRC request failed: {}", failure.toString());
    }

    @Override
    protected void flooded(ChannelHandlerContext ctx) {
        log.info("Closing {}: flooding", ctx.channel().remoteAddress());
        closeWith(ctx, "Excess flood");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            reply(ctx, replies.numeric(ERR_INPUTTOOLONG, session.nick(), "Input line was too long"));
            return;
        }
        if (!AllocationFailures.report(cause, ctx.channel().remoteAddress())) {
            log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private void closeWith(ChannelHandlerContext ctx, String reason) {
        closing = true;
        finishLabel(ctx); // a labeled command's replies go before the ERROR
        reply(ctx, IrcMessage.of("ERROR", "Closing Link: " + session.host() + " (" + Text.clean(reason, false) + ")"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void numeric(String numeric, String... params) {
        out.add(replies.numeric(numeric, session.nick(), params));
    }

    /** Ends the command in progress for labeled-response, then writes its replies. */
    private void finishLabel(ChannelHandlerContext ctx) {
        session.labels.finish(out, session, session.batches, server.settings.serverName());
        flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (out.isEmpty() || session.labels.holding()) {
            return;
        }
        for (Object message : out) {
            ctx.write(message).addListener(AllocationFailures.ON_WRITE_FAILURE);
        }
        out.clear();
        ctx.flush();
    }
}
