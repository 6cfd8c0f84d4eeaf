package io.parley.protocol.irc;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomReplay;
import io.parley.core.text.NameKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * IRCv3 {@code draft/message-redaction}: {@code REDACT <#channel> <msgid> [:reason]} by the
 * message's author (by name: a room message records only its author's name) or a channel
 * operator ({@code +o}, or an IRC operator) of a stored channel message. The redaction is stored
 * first ({@link io.parley.core.room.RoomStore#redact}: the text is removed, history no longer
 * lists the message), then {@code :<redacter> REDACT <#channel> <msgid> [:reason]} goes to the
 * channel's IRC members that have the capability, the redacter included; members without it, and
 * other protocols' users, get nothing (their clients have no way to take a line back). Errors are
 * {@code FAIL REDACT INVALID_TARGET | UNKNOWN_MSGID | REDACT_FORBIDDEN}. {@code REDACT <nick> <msgid>}
 * takes back a stored private message the user sent that nick (its sender only). Unstored
 * messages (TAGMSG, NOTICE to a nick) cannot be redacted. Event-loop only (the redacter's);
 * stateless.
 */
final class IrcRedactions {

    private IrcRedactions() {}

    /** Answers {@code REDACT}; the stage completes on the loop once the redaction is stored (or refused). */
    static CompletionStage<?> redact(IrcServer server, IrcSession session, IrcMessage message, List<Object> out,
            java.util.concurrent.Executor loop) {
        String target = message.param(0);
        String msgid = message.param(1);
        if (target == null || msgid == null || target.isEmpty() || msgid.isEmpty()) {
            out.add(server.replies.standardReply(IrcNumerics.FAIL, "REDACT", "NEED_MORE_PARAMS", "Missing parameters",
                    target == null || target.isEmpty() ? "*" : target));
            return null;
        }
        String reason = message.param(2);
        if (!IrcChannels.isChannel(target)) {
            return redactPrivate(server, session, target, msgid, reason, out, loop);
        }
        Optional<Room> room = IrcChannels.isChannel(target)
                ? IrcChannels.toRoom(target).flatMap(server.chat.rooms()::byName)
                        .filter(joined -> session.rooms.containsKey(joined.ref()))
                : Optional.empty();
        if (room.isEmpty()) {
            out.add(fail(server, "INVALID_TARGET", "You can redact only messages of a channel you are in", target));
            return null;
        }
        Optional<IrcMsgIds.RoomPoint> point = IrcMsgIds.parseRoom(msgid).filter(found -> found.ref() == room.get().ref());
        RoomReplay replay = server.replay;
        if (point.isEmpty() || replay == null) {
            out.add(fail(server, "UNKNOWN_MSGID", "No such message in this channel", target, msgid));
            return null;
        }
        long sequence = point.get().sequence();
        String channel = IrcChannels.toChannel(room.get().name());
        String messageId = IrcMsgIds.room(room.get().ref(), sequence);
        RoomReplay.Window one = RoomReplay.Window.all(false, 1).afterSequence(sequence - 1).beforeSequence(sequence + 1);
        return replay.window(room.get().id(), one).thenComposeAsync(found -> {
            if (found.isEmpty()) {
                out.add(fail(server, "UNKNOWN_MSGID", "No such message in this channel", target, msgid));
                return CompletableFuture.completedFuture(null);
            }
            RoomEvent.Posted posted = found.get(0);
            boolean author = NameKeys.key(posted.chat().author()).equals(NameKeys.key(session.name()));
            boolean operator = session.operator()
                    || server.channel(room.get()).isOp(MemberRef.of(session.member(), session.name()));
            if (!author && !operator) {
                out.add(fail(server, "REDACT_FORBIDDEN", "You may redact only your own messages here", target, msgid));
                return CompletableFuture.completedFuture(null);
            }
            return server.redact(room.get(), sequence, session.name())
                    .handleAsync((redacted, failure) -> {
                        if (failure != null) {
                            out.add(fail(server, "MESSAGE_ERROR", "The message could not be redacted now, try again",
                                    target, msgid));
                        } else if (!redacted) {
                            out.add(fail(server, "UNKNOWN_MSGID", "No such message in this channel", target, msgid));
                        } else {
                            relay(server, session, room.get(), channel, messageId, reason, out);
                        }
                        return null;
                    }, loop);
        }, loop).exceptionallyAsync(failure -> {
            out.add(fail(server, "MESSAGE_ERROR", "The message could not be redacted now, try again", target, msgid));
            return null;
        }, loop);
    }

    /**
     * {@code REDACT <nick> <msgid>}: the sender of a stored private message to that nick takes it
     * back; the redacter and the nick, if it is an IRC user with the capability, are told.
     */
    private static CompletionStage<?> redactPrivate(IrcServer server, IrcSession session, String target, String msgid,
            String reason, List<Object> out, java.util.concurrent.Executor loop) {
        Optional<String> other = IrcNicks.toName(target);
        if (other.isEmpty()) {
            out.add(fail(server, "INVALID_TARGET", "Not a channel or nick", target));
            return null;
        }
        Optional<Long> id = IrcMsgIds.parsePrivate(msgid);
        if (id.isEmpty() || server.privateHistory == null) {
            out.add(fail(server, "UNKNOWN_MSGID", "No such message of yours to " + target, target, msgid));
            return null;
        }
        return server.privateHistory.redactPrivate(id.get(), IrcConversations.party(session), other.get(), Instant.now())
                .handleAsync((redacted, failure) -> {
                    if (failure != null) {
                        out.add(fail(server, "MESSAGE_ERROR", "The message could not be redacted now, try again",
                                target, msgid));
                    } else if (!redacted) {
                        out.add(fail(server, "UNKNOWN_MSGID", "No such message of yours to " + target, target, msgid));
                    } else {
                        IrcMessage line = reason == null ? IrcMessage.from(session.source(), "REDACT", target, msgid)
                                : IrcMessage.from(session.source(), "REDACT", target, msgid, reason);
                        IrcDirect redaction = new IrcDirect(line, Instant.now());
                        server.user(other.get()).filter(IrcSession::isRegistered)
                                .filter(to -> to != session && to.has(IrcCapabilities.MESSAGE_REDACTION))
                                .ifPresent(to -> to.member().push(redaction));
                        if (session.has(IrcCapabilities.MESSAGE_REDACTION)) {
                            out.add(redaction);
                        }
                    }
                    return null;
                }, loop);
    }

    private static void relay(IrcServer server, IrcSession session, Room room, String channel, String msgid, String reason,
            List<Object> out) {
        IrcMessage line = reason == null ? IrcMessage.from(session.source(), "REDACT", channel, msgid)
                : IrcMessage.from(session.source(), "REDACT", channel, msgid, reason);
        IrcDirect redaction = new IrcDirect(line, Instant.now());
        for (IrcSession member : server.ircMembers(room)) {
            if (member != session && member.has(IrcCapabilities.MESSAGE_REDACTION)) {
                member.member().push(redaction);
            }
        }
        if (session.has(IrcCapabilities.MESSAGE_REDACTION)) {
            out.add(redaction);
        }
    }

    private static IrcMessage fail(IrcServer server, String code, String description, String... context) {
        return server.replies.standardReply(IrcNumerics.FAIL, "REDACT", code, description, context);
    }
}
