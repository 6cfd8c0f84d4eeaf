package io.parley.protocol.irc;

import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomReplay;
import io.parley.protocol.irc.IrcChathistoryRequest.Invalid;
import io.parley.protocol.irc.IrcChathistoryRequest.Latest;
import io.parley.protocol.irc.IrcChathistoryRequest.MsgId;
import io.parley.protocol.irc.IrcChathistoryRequest.Ref;
import io.parley.protocol.irc.IrcChathistoryRequest.Request;
import io.parley.protocol.irc.IrcChathistoryRequest.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * IRCv3 {@code draft/chathistory} for one connection, served from the store
 * ({@link RoomReplay#window}): LATEST, BEFORE, AFTER, AROUND and BETWEEN of a channel the user is
 * in, with {@code msgid=} ({@link IrcMsgIds}) and {@code timestamp=} references, and TARGETS over
 * the user's channels and private conversations. A nick target is the user's private messages
 * with whoever went by that nick ({@link IrcConversations}). Messages come in a
 * {@code chathistory} batch, each with its {@code time} and {@code msgid}; bad requests get
 * {@code FAIL CHATHISTORY ...}. Event-loop only (replies are added on the loop); one per
 * connection.
 */
final class IrcChathistory {

    /** The most messages one reply holds ({@code CHATHISTORY} in 005). */
    static final int LIMIT = 100;

    private final IrcServer server;
    private final IrcSession session;

    IrcChathistory(IrcServer server, IrcSession session) {
        this.server = server;
        this.session = session;
    }

    /** A point a reference names: a sequence in the target room, or a time (epoch ms). */
    private record Point(long sequence, long millis, boolean bySequence) {}

    /** Answers {@code CHATHISTORY ...}: adds the replies to {@code out} on {@code loop}; completes there. */
    CompletionStage<Void> run(IrcMessage message, List<Object> out, Executor loop) {
        IrcChathistoryRequest.Result result = IrcChathistoryRequest.parse(message.params(), LIMIT);
        if (result instanceof Invalid invalid) {
            out.add(fail(invalid.code(), invalid.description(), invalid.context()));
            return done();
        }
        Request request = (Request) result;
        String sub = request.subcommand().name();
        if (server.replay == null) {
            out.add(fail("MESSAGE_ERROR", "History is not available on this server", List.of(sub, "*")));
            return done();
        }
        if (request.subcommand() == IrcChathistoryRequest.Subcommand.TARGETS) {
            return targets(request, out, loop);
        }
        String target = request.target();
        if (!IrcChannels.isChannel(target)) {
            Optional<String> other = IrcNicks.toName(target);
            if (other.isEmpty()) {
                out.add(fail("INVALID_TARGET", "Not a channel or nick", List.of(sub, target)));
                return done();
            }
            return conversation(request, target, other.get(), out, loop);
        }
        Optional<Room> room = IrcChannels.toRoom(target).flatMap(server.chat.rooms()::byName)
                .filter(joined -> session.rooms.containsKey(joined.ref()));
        if (room.isEmpty()) {
            out.add(fail("INVALID_TARGET", "You are not in that channel", List.of(sub, target)));
            return done();
        }
        List<Point> points = new ArrayList<>();
        for (Ref ref : request.refs()) {
            if (ref instanceof Latest) {
                continue;
            }
            Optional<Point> point = point(ref, room.get());
            if (point.isEmpty()) {
                out.add(fail("INVALID_PARAMS", "Unknown message id", List.of(sub, ((MsgId) ref).id())));
                return done();
            }
            points.add(point.get());
        }
        return read(request, room.get(), points).thenAcceptAsync(messages -> {
            String channel = IrcChannels.toChannel(room.get().name());
            List<IrcMessage> lines = new ArrayList<>();
            for (RoomEvent.Posted posted : messages) {
                String msgid = IrcMsgIds.room(posted.room().ref(), posted.sequence());
                List<IrcMessage> rendered = IrcRoomMessages.render(server.sourceOfAuthor(posted.chat().author()), "PRIVMSG",
                        channel, posted.chat());
                for (int i = 0; i < rendered.size(); i++) {
                    Map<String, String> tags = new LinkedHashMap<>();
                    tags.put("time", IrcEventEncoder.SERVER_TIME.format(posted.chat().time()));
                    tags.put("msgid", IrcMsgIds.line(msgid, i));
                    lines.add(rendered.get(i).withTags(tags));
                }
            }
            out.addAll(batch("chathistory", List.of(target), lines));
        }, loop).exceptionallyAsync(failure -> {
            out.add(fail("MESSAGE_ERROR", "History could not be read now, try again", List.of(sub, target)));
            return null;
        }, loop);
    }

    private CompletionStage<List<RoomEvent.Posted>> read(Request request, Room room, List<Point> points) {
        RoomReplay replay = server.replay;
        return read(request, points, window -> replay.window(room.id(), window));
    }

    /** The messages {@code request} asks for, read through {@code source} (a room's, a conversation's). */
    private static <T> CompletionStage<List<T>> read(Request request, List<Point> points,
            Function<RoomReplay.Window, CompletionStage<List<T>>> source) {
        int limit = request.limit();
        switch (request.subcommand()) {
            case LATEST -> {
                RoomReplay.Window window = RoomReplay.Window.all(true, limit);
                return source.apply(points.isEmpty() ? window : after(window, points.get(0)));
            }
            case BEFORE -> {
                return source.apply(before(RoomReplay.Window.all(true, limit), points.get(0)));
            }
            case AFTER -> {
                return source.apply(after(RoomReplay.Window.all(false, limit), points.get(0)));
            }
            case BETWEEN -> {
                Point first = points.get(0);
                Point second = points.get(1);
                boolean forward = first.bySequence() == second.bySequence()
                        ? (first.bySequence() ? first.sequence() <= second.sequence() : first.millis() <= second.millis())
                        : true;
                Point low = forward ? first : second;
                Point high = forward ? second : first;
                return source.apply(before(after(RoomReplay.Window.all(!forward, limit), low), high));
            }
            case AROUND -> {
                Point point = points.get(0);
                int earlier = limit / 2;
                Point inclusive = point.bySequence() ? new Point(point.sequence() - 1, 0, true)
                        : new Point(0, point.millis() - 1, false);
                CompletionStage<List<T>> later = source.apply(after(RoomReplay.Window.all(false, limit - earlier), inclusive));
                if (earlier == 0) {
                    return later;
                }
                return source.apply(before(RoomReplay.Window.all(true, earlier), point))
                        .thenCombine(later, (before, after) -> {
                            List<T> both = new ArrayList<>(before);
                            both.addAll(after);
                            return both;
                        });
            }
            default -> throw new IllegalStateException("not a target's subcommand: " + request.subcommand());
        }
    }

    /**
     * A nick target: the user's private messages with whoever went by that name
     * ({@link io.parley.core.account.HistoryStore#conversation}), as the user's party
     * ({@link IrcConversations#party}): a guest reads only its own connection's.
     */
    private CompletionStage<Void> conversation(Request request, String target, String other, List<Object> out,
            Executor loop) {
        String sub = request.subcommand().name();
        List<Point> points = new ArrayList<>();
        for (Ref ref : request.refs()) {
            if (ref instanceof Timestamp timestamp) {
                points.add(new Point(0, timestamp.instant().toEpochMilli(), false));
            } else if (ref instanceof MsgId msgid) {
                Optional<Long> id = IrcConversations.point(msgid.id());
                if (id.isEmpty()) {
                    out.add(fail("INVALID_PARAMS", "Unknown message id", List.of(sub, msgid.id())));
                    return done();
                }
                points.add(new Point(id.get(), 0, true));
            }
        }
        Party reader = IrcConversations.party(session);
        return read(request, points, window -> server.privateHistory.conversation(reader, other, window))
                .thenAcceptAsync(messages -> {
                    List<IrcMessage> lines = new ArrayList<>();
                    for (PrivateMessage message : messages) {
                        lines.addAll(IrcConversations.history(server, message));
                    }
                    out.addAll(batch("chathistory", List.of(target), lines));
                }, loop).exceptionallyAsync(failure -> {
                    out.add(fail("MESSAGE_ERROR", "History could not be read now, try again", List.of(sub, target)));
                    return null;
                }, loop);
    }

    /** A target CHATHISTORY TARGETS lists: a channel or nick and the time of its last message. */
    private record Target(String name, java.time.Instant last) {}

    /**
     * TARGETS: the user's channels and the nicks it has private messages with whose last message
     * was stored strictly between the two times (a target whose last message is later is not
     * listed), oldest first.
     */
    private CompletionStage<Void> targets(Request request, List<Object> out, Executor loop) {
        long one = ((Timestamp) request.refs().get(0)).instant().toEpochMilli();
        long two = ((Timestamp) request.refs().get(1)).instant().toEpochMilli();
        long low = Math.min(one, two);
        long high = Math.max(one, two);
        List<CompletableFuture<Optional<Target>>> reads = new ArrayList<>();
        for (Room room : List.copyOf(session.rooms.values())) {
            String channel = IrcChannels.toChannel(room.name());
            reads.add(server.replay.window(room.id(), RoomReplay.Window.all(true, 1)).toCompletableFuture()
                    .thenApply(found -> found.stream().findFirst()
                            .filter(last -> last.chat().time().toEpochMilli() > low && last.chat().time().toEpochMilli() < high)
                            .map(last -> new Target(channel, last.chat().time()))));
        }
        Party reader = IrcConversations.party(session);
        CompletableFuture<List<PrivateMessage>> conversations = server.privateHistory
                .lastOfConversations(reader, low, high, request.limit()).toCompletableFuture();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCombine(conversations, (ignored, lasts) -> {
            List<Target> found = new ArrayList<>();
            for (CompletableFuture<Optional<Target>> read : reads) {
                read.join().ifPresent(found::add);
            }
            for (PrivateMessage last : lasts) {
                found.add(new Target(IrcConversations.other(reader, last), last.time()));
            }
            return found;
        }).thenAcceptAsync(found -> {
            found.sort(Comparator.comparing(Target::last));
            List<IrcMessage> lines = new ArrayList<>();
            for (Target target : found.subList(0, Math.min(found.size(), request.limit()))) {
                lines.add(IrcMessage.from(server.settings.serverName(), "CHATHISTORY", "TARGETS", target.name(),
                        IrcEventEncoder.SERVER_TIME.format(target.last())));
            }
            out.addAll(batch("draft/chathistory-targets", List.of(), lines));
        }, loop).exceptionallyAsync(failure -> {
            out.add(fail("MESSAGE_ERROR", "History could not be read now, try again", List.of("TARGETS", "*")));
            return null;
        }, loop);
    }

    private Optional<Point> point(Ref ref, Room room) {
        if (ref instanceof Timestamp timestamp) {
            return Optional.of(new Point(0, timestamp.instant().toEpochMilli(), false));
        }
        return IrcMsgIds.parseRoom(((MsgId) ref).id()).filter(point -> point.ref() == room.ref())
                .map(point -> new Point(point.sequence(), 0, true));
    }

    private static RoomReplay.Window after(RoomReplay.Window window, Point point) {
        return point.bySequence() ? window.afterSequence(point.sequence()) : window.afterMillis(point.millis());
    }

    private static RoomReplay.Window before(RoomReplay.Window window, Point point) {
        return point.bySequence() ? window.beforeSequence(point.sequence()) : window.beforeMillis(point.millis());
    }

    private List<Object> batch(String type, List<String> params, List<IrcMessage> lines) {
        if (!session.has(IrcCapabilities.BATCH)) {
            return List.copyOf(lines);
        }
        return session.batches.wrap(server.settings.serverName(), Map.of(), type, params, lines);
    }

    private IrcMessage fail(String code, String description, List<String> context) {
        return server.replies.standardReply(IrcNumerics.FAIL, "CHATHISTORY", code, description, context.toArray(String[]::new));
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
