package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.text.Text;
import io.parley.protocol.ChannelMember;
import io.parley.protocol.RoomRemoval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel-operator commands of one IRC connection: a channel {@code MODE} (query or change,
 * {@link IrcChannelModes}), {@code TOPIC}, {@code INVITE} and {@code KICK}, and the checks
 * {@code JOIN} and channel messages make against a channel's modes ({@link IrcChannelState}).
 * Replies go to the connection's output; what other members see goes through their loops.
 * Event-loop only; one per connection.
 */
final class IrcChannelCommands {

    private static final Logger log = LoggerFactory.getLogger(IrcChannelCommands.class);
    /** The most users one KICK removes ({@code TARGMAX=KICK:4}); further ones are ignored. */
    static final int KICK_TARGETS = 4;

    private final IrcServer server;
    private final IrcSession session;
    private final List<Object> out;

    IrcChannelCommands(IrcServer server, IrcSession session, List<Object> out) {
        this.server = server;
        this.session = session;
        this.out = out;
    }

    private void numeric(String numeric, String... params) {
        out.add(server.replies.numeric(numeric, session.nick(), params));
    }

    private Optional<Room> room(String channel) {
        return IrcChannels.toRoom(channel).flatMap(server.chat.rooms()::byName);
    }

    private MemberRef self() {
        return MemberRef.of(session.member(), session.name());
    }

    private boolean inRoom(Room room) {
        return session.rooms.containsKey(room.ref());
    }

    /** Whether this user acts as a channel operator of {@code room}: {@code +o}, or an IRC operator. */
    private boolean privileged(Room room) {
        return session.operator() || (inRoom(room) && server.channel(room).isOp(self()));
    }

    // ---- JOIN and messages ----

    /**
     * Before joining {@code room} (whose stored modes this node has read: {@link IrcServer#readModes}):
     * whether the channel refuses this user (then the numeric is added to the output), else, if
     * the room is empty, this user founds the channel. An empty kept channel (its modes stored)
     * refuses only whom its bans refuse: with no one in it, no one could invite or op anyone (a
     * member's {@code +o} is not stored), so its {@code +i}, {@code +k} and {@code +l} would shut
     * it for good; its first joiner founds it again, as an IRC server with no services does.
     */
    boolean mayJoin(Room room, String channel, String key) {
        boolean empty = room.memberCount() == 0;
        IrcChannelState state = server.channel(room);
        Optional<IrcChannelState.Refusal> refusal = Optional.empty();
        if (!empty) {
            refusal = state.refusal(session.source(), session.nick(), key, room.memberCount());
        } else if (state.kept() && state.isBanned(session.source())) {
            refusal = Optional.of(new IrcChannelState.Refusal(IrcNumerics.ERR_BANNEDFROMCHAN, "Cannot join channel (+b)"));
        }
        refusal.ifPresent(why -> numeric(why.numeric(), channel, why.text()));
        if (refusal.isPresent()) {
            return false;
        }
        if (empty) {
            server.found(room, self());
        }
        return true;
    }

    /** This user joined {@code room}: an invitation to it is used, and no earlier KICK stands for a later leave. */
    void joined(Room room) {
        server.channel(room).joined(session.nick());
        server.forgetKick(self(), room.ref());
    }

    /** Whether this user may say something in {@code room} ({@code +n}, {@code +m}, {@code +b}); {@code 404} if not. */
    boolean maySpeak(Room room, String channel, boolean notice) {
        if (server.channel(room).maySpeak(self(), inRoom(room), session.source())) {
            return true;
        }
        if (!notice) {
            numeric(ERR_CANNOTSENDTOCHAN, channel, "Cannot send to channel");
        }
        return false;
    }

    // ---- MODE ----

    /**
     * A channel MODE: a query, or a change, which completes once its kept part
     * ({@link IrcStoredModes#kept}) is in the store; only then do the members see it (and the
     * other nodes hear of it). Null when it is done at once.
     */
    CompletionStage<?> mode(IrcMessage message) {
        String channel = message.param(0);
        Optional<Room> found = room(channel);
        if (found.isEmpty()) {
            numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
            return null;
        }
        Room room = found.get();
        if (!server.modesRead(room)) {
            // A room another node made, not yet read here: its stored modes first, then the MODE.
            return server.readModes(room).handleAsync((read, failure) -> {
                if (failure != null) {
                    numeric(ERR_UNAVAILRESOURCE, IrcChannels.toChannel(room.name()),
                            "Cannot read the channel's modes now, try again");
                    return CompletableFuture.completedFuture(null);
                }
                CompletionStage<?> done = mode(message);
                return done == null ? CompletableFuture.completedFuture(null) : done;
            }, session.member().executor()).thenCompose(done -> done);
        }
        String shown = IrcChannels.toChannel(room.name());
        IrcChannelState state = server.channel(room);
        String change = message.param(1);
        if (change == null) {
            List<String> params = new ArrayList<>();
            params.add(shown);
            params.addAll(state.modeParams(inRoom(room) || session.operator()));
            numeric(RPL_CHANNELMODEIS, params.toArray(String[]::new));
            numeric(RPL_CREATIONTIME, shown, Long.toString(state.created().getEpochSecond()));
            return null;
        }
        boolean privileged = privileged(room);
        List<String> arguments = message.params().subList(2, message.params().size());
        if (!privileged && !inRoom(room) && IrcModeChanges.parse(change, arguments, IrcChannelModes.MODES).changes().stream()
                .anyMatch(c -> !c.isListQuery(IrcChannelModes.MODES))) {
            numeric(ERR_NOTONCHANNEL, shown, "You're not on that channel");
            return null;
        }
        Instant now = Instant.now();
        IrcChannelModes.Outcome outcome = IrcChannelModes.apply(state, shown, change, arguments, privileged,
                new RoomMembers(room), session.source(), now);
        for (List<String> reply : outcome.replies()) {
            numeric(reply.get(0), reply.subList(1, reply.size()).toArray(String[]::new));
        }
        if (outcome.applied().isEmpty()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        params.add(shown);
        params.addAll(outcome.applied());
        IrcMessage line = new IrcMessage(java.util.Map.of(), session.source(), "MODE", params);
        List<String> kept = IrcStoredModes.kept(outcome.applied());
        if (kept.isEmpty()) {
            return relay(room, line); // only +o/+v: a member's status is this node's alone
        }
        return server.storeModes(room, kept, session.source(), now).handleAsync((stored, failure) -> {
            if (failure != null) {
                log.warn("The modes of room {} were not stored: {}", room.ref(), failure.toString());
                // In force here already: said as it is, and that it lasts only until a restart.
                out.add(IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(), shown
                        + " modes " + String.join(" ", kept) + " could not be stored: they hold on this server"
                        + " until it restarts and other servers do not know them; try again"));
            }
            return relay(room, line);
        }, session.member().executor()).thenCompose(relayed -> relayed);
    }

    /** The room's members by nick, for {@code +o}/{@code +v} and KICK. */
    private final class RoomMembers implements IrcChannelModes.Members {
        private final Room room;

        RoomMembers(Room room) {
            this.room = room;
        }

        @Override
        public Optional<MemberRef> inRoom(String nick) {
            return room.roster().stream().filter(member -> IrcCasemapping.same(server.nickOf(member), nick)).findFirst();
        }

        @Override
        public boolean exists(String nick) {
            return IrcNicks.toName(nick).flatMap(server::user).filter(IrcSession::isRegistered).isPresent();
        }

        @Override
        public String nickOf(MemberRef member) {
            return server.nickOf(member);
        }
    }

    /**
     * Sends {@code message} to every IRC member of {@code room} through their loops, and to this
     * user (in it or not) in its output, after the replies before it; completes once this user has
     * it in its output, which is once the other members' loops have run their copies
     * ({@link IrcLoopsCaughtUp}): the user's next command is answered after everyone has the line.
     */
    private CompletionStage<Void> relay(Room room, IrcMessage message) {
        IrcDirect direct = new IrcDirect(message, Instant.now());
        List<IrcSession> others = new ArrayList<>();
        for (IrcSession member : server.ircMembers(room)) {
            if (member != session) {
                member.member().push(direct);
                others.add(member);
            }
        }
        return IrcLoopsCaughtUp.afterSessions(others).thenRunAsync(() -> out.add(direct), session.member().executor());
    }

    // ---- TOPIC ----

    CompletionStage<?> topic(IrcMessage message) {
        String channel = message.param(0);
        if (channel == null || channel.isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "TOPIC", "Not enough parameters");
            return null;
        }
        Optional<Room> exists = room(channel);
        if (exists.isEmpty()) {
            numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
            return null;
        }
        Room room = exists.get();
        String shown = IrcChannels.toChannel(room.name());
        if (message.param(1) == null) {
            Optional<IrcServer.Topic> topic = server.topic(room);
            if (topic.isPresent()) {
                numeric(RPL_TOPIC, shown, topic.get().text());
                numeric(RPL_TOPICWHOTIME, shown, topic.get().setBy(), Long.toString(topic.get().setAt().getEpochSecond()));
            } else {
                numeric(RPL_NOTOPIC, shown, "No topic is set");
            }
            return null;
        }
        if (!inRoom(room) && !session.operator()) {
            numeric(ERR_NOTONCHANNEL, shown, "You're not on that channel");
            return null;
        }
        if (server.channel(room).has('t') && !privileged(room)) {
            numeric(ERR_CHANOPRIVSNEEDED, shown, "You're not a channel operator");
            return null;
        }
        String text = IrcLimits.split(Text.clean(message.param(1), false), IrcIsupport.TEXT_LENGTH).get(0);
        IrcServer.Topic topic = new IrcServer.Topic(text, session.nick(), Instant.now());
        server.setTopic(room, topic, session.source()).whenComplete((stored, failure) -> {
            if (failure != null) {
                log.warn("The topic of room {} was not stored: {}", room.ref(), failure.toString());
            }
        });
        return relay(room, IrcMessage.from(session.source(), "TOPIC", shown, text));
    }

    // ---- INVITE ----

    /**
     * {@code INVITE nick #chan}, or the invite list without parameters. Completes once the invited
     * user's loop has written the INVITE (null when nobody was told), so the inviter's next reply
     * comes after it ({@link IrcLoopsCaughtUp}).
     */
    CompletionStage<?> invite(IrcMessage message) {
        if (message.params().isEmpty()) {
            IrcInviteList.list(server, session, out);
            return null;
        }
        if (message.params().size() < 2) {
            numeric(ERR_NEEDMOREPARAMS, "INVITE", "Not enough parameters");
            return null;
        }
        String nick = message.param(0);
        String channel = message.param(1);
        Optional<IrcSession> target = IrcNicks.toName(nick).flatMap(server::user).filter(IrcSession::isRegistered);
        if (target.isEmpty()) {
            numeric(ERR_NOSUCHNICK, nick, "No such nick/channel");
            return null;
        }
        Optional<Room> room = room(channel);
        if (room.isEmpty()) {
            numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
            return null;
        }
        String shown = IrcChannels.toChannel(room.get().name());
        if (!inRoom(room.get())) {
            numeric(ERR_NOTONCHANNEL, shown, "You're not on that channel");
            return null;
        }
        IrcChannelState state = server.channel(room.get());
        if (state.has('i') && !privileged(room.get())) {
            numeric(ERR_CHANOPRIVSNEEDED, shown, "You're not a channel operator");
            return null;
        }
        if (target.get().rooms.containsKey(room.get().ref())) {
            numeric(ERR_USERONCHANNEL, target.get().nick(), shown, "is already on channel");
            return null;
        }
        state.invite(target.get().nick());
        numeric(RPL_INVITING, target.get().nick(), shown);
        target.get().member().push(new IrcDirect(IrcMessage.from(session.source(), "INVITE", target.get().nick(), shown),
                Instant.now()));
        return IrcLoopsCaughtUp.afterSessions(List.of(target.get()));
    }

    // ---- KICK ----

    /**
     * {@code KICK #chan nick[,nick] [:reason]} (or as many channels as nicks, in pairs). An IRC
     * member leaves the room at once; another protocol's member is told in its protocol's form
     * ({@link RoomRemoval}) and its connection closed, which takes it out of its rooms. Every IRC
     * member sees the leave as {@code KICK}; other protocols' members see a leave. Completes once
     * the IRC members' leaves are handed to every member's loop, so that the kicker's next command
     * (a PING, as irctest and bots use for a barrier) is answered after everyone has the KICK.
     */
    CompletionStage<?> kick(IrcMessage message) {
        if (message.params().size() < 2 || message.param(0).isEmpty() || message.param(1).isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "KICK", "Not enough parameters");
            return null;
        }
        String[] channels = message.param(0).split(",");
        String[] nicks = message.param(1).split(",");
        if (channels.length != 1 && channels.length != nicks.length) {
            numeric(ERR_NEEDMOREPARAMS, "KICK", "Not enough parameters");
            return null;
        }
        String given = message.param(2);
        String reason = IrcLimits.split(Text.clean(given == null || given.isEmpty() ? session.nick() : given, false),
                IrcIsupport.TEXT_LENGTH).get(0);
        List<CompletableFuture<?>> leaves = new ArrayList<>();
        for (int i = 0; i < Math.min(nicks.length, KICK_TARGETS); i++) {
            kickOne(channels.length == 1 ? channels[0] : channels[i], nicks[i], reason).ifPresent(leaves::add);
        }
        return leaves.isEmpty() ? null : CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new));
    }

    /** Kicks one member; the stage of an IRC member's leave, if it is one. */
    private Optional<CompletableFuture<?>> kickOne(String channel, String nick, String reason) {
        Optional<Room> found = room(channel);
        if (found.isEmpty()) {
            numeric(ERR_NOSUCHCHANNEL, channel, "No such channel");
            return Optional.empty();
        }
        Room room = found.get();
        String shown = IrcChannels.toChannel(room.name());
        if (!inRoom(room) && !session.operator()) {
            numeric(ERR_NOTONCHANNEL, shown, "You're not on that channel");
            return Optional.empty();
        }
        if (!privileged(room)) {
            numeric(ERR_CHANOPRIVSNEEDED, shown, "You're not a channel operator");
            return Optional.empty();
        }
        RoomMembers members = new RoomMembers(room);
        Optional<MemberRef> target = members.inRoom(nick);
        if (target.isEmpty()) {
            if (members.exists(nick)) {
                numeric(ERR_USERNOTINCHANNEL, nick, shown, "They aren't on that channel");
            } else {
                numeric(ERR_NOSUCHNICK, nick, "No such nick/channel");
            }
            return Optional.empty();
        }
        MemberRef member = target.get();
        String targetNick = server.nickOf(member);
        Optional<IrcSession> irc = server.session(member);
        Optional<Member> local = room.localMember(member);
        if (irc.isEmpty() && !(local.orElse(null) instanceof ChannelMember)) {
            out.add(IrcMessage.from(server.settings.serverName(), "NOTICE", session.nick(),
                    targetNick + " is connected to another node and cannot be kicked from here"));
            return Optional.empty();
        }
        IrcServer.Kick kick = new IrcServer.Kick(session.source(), targetNick, reason);
        server.kicking(member, room.ref(), kick);
        // The leave reaches every member within moments; the record is kept a while longer.
        ((java.util.concurrent.ScheduledExecutorService) session.member().executor())
                .schedule(() -> server.forgetKick(member, room.ref(), kick), 60, java.util.concurrent.TimeUnit.SECONDS);
        server.channel(room).forget(member);
        if (irc.isPresent()) {
            IrcSession kicked = irc.get();
            CompletableFuture<Object> left = new CompletableFuture<>();
            kicked.member().executor().execute(() -> {
                if (kicked.rooms.remove(room.ref()) != null) {
                    // Done once every member's loop, the kicked one's too, has run the KICK.
                    IrcLoopsCaughtUp.afterMembersOf(List.of(room), server.chat.leave(room, kicked.member(),
                                    room.nameOf(kicked.member()).orElse(kicked.name())))
                            .thenCompose(caughtUp -> IrcLoopsCaughtUp.after(List.of(kicked.member().executor())))
                            .whenComplete((done, failure) -> left.complete(null));
                } else {
                    left.complete(null); // it left on its own meanwhile
                }
            });
            return Optional.of(left);
        } else {
            // Line, TCD and account clients cannot be told they left a room yet stay connected:
            // the removal is said in their protocol's form and the connection closed; its close
            // leaves its rooms, and that leave is what IRC members see as this KICK.
            ((ChannelMember) local.get()).closeWith(new RoomRemoval(room.name(), session.nick(), reason));
            return Optional.empty();
        }
    }
}
