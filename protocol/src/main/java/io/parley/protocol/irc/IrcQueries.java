package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.text.NameKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The read-only commands of one IRC connection: NAMES, LIST, WHO, WHOIS, ISON, USERHOST,
 * LUSERS, MOTD and the topic a joiner gets. They read room membership and the IRC
 * users and add their replies to the connection's output. Event-loop only; one per connection.
 */
final class IrcQueries {

    /** The most channels one {@code NAMES} takes ({@code TARGMAX}); more is {@code 407}. */
    static final int NAMES_TARGETS = 4;

    private final IrcServer server;
    private final IrcSession session;
    private final List<Object> out;

    IrcQueries(IrcServer server, IrcSession session, List<Object> out) {
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

    // ---- NAMES ----

    void names(IrcMessage message) {
        if (message.param(0) == null || message.param(0).isEmpty()) {
            numeric(RPL_ENDOFNAMES, "*", "End of /NAMES list");
            return;
        }
        String[] channels = message.param(0).split(",");
        if (channels.length > NAMES_TARGETS) {
            numeric(ERR_TOOMANYTARGETS, message.param(0), "Too many targets");
            return;
        }
        for (String channel : channels) {
            Optional<Room> room = room(channel);
            boolean hidden = room.isPresent() && server.channel(room.get()).has('s')
                    && !session.rooms.containsKey(room.get().ref()); // a secret channel, to outsiders
            if (room.isPresent() && !hidden) {
                nameLines(room.get());
            }
            if (channels.length == 1) {
                numeric(RPL_ENDOFNAMES, channel, "End of /NAMES list");
            }
        }
        if (channels.length > 1) { // several channels: their 353s, then one 366 for them all (Modern IRC)
            numeric(RPL_ENDOFNAMES, message.param(0), "End of /NAMES list");
        }
    }

    /** 353 lines of the room's members, as many as fit 512 bytes each, then 366. */
    void names(Room room) {
        nameLines(room);
        numeric(RPL_ENDOFNAMES, IrcChannels.toChannel(room.name()), "End of /NAMES list");
    }

    /** 353 lines of the room's members, as many as fit 512 bytes each. */
    private void nameLines(Room room) {
        String channel = IrcChannels.toChannel(room.name());
        boolean full = session.has(IrcCapabilities.USERHOST_IN_NAMES);
        boolean multi = session.has(IrcCapabilities.MULTI_PREFIX);
        IrcChannelState state = server.channel(room);
        String symbol = state.has('s') ? "@" : "=";
        // Sorted by nick (or source), prefixes aside; each sort key made once, not per comparison.
        List<String[]> entries = new ArrayList<>();
        for (MemberRef member : room.roster()) {
            String name = full ? server.sourceOf(member) : server.nickOf(member);
            entries.add(new String[] {name, state.prefix(member, multi) + name});
        }
        entries.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a[0], b[0]));
        // The bytes a 353 line leaves for its names: its length with a two-name list, less that list.
        int room353 = IrcLimits.MAX_BODY_BYTES
                - (server.replies.numeric(RPL_NAMREPLY, session.nick(), symbol, channel, "a b").bodyBytes() - 3);
        StringBuilder line = new StringBuilder();
        int lineBytes = 0;
        for (String[] named : entries) {
            String entry = named[1];
            int bytes = IrcLimits.utf8Length(entry);
            if (line.length() > 0 && lineBytes + 1 + bytes > room353) {
                numeric(RPL_NAMREPLY, symbol, channel, line.toString());
                line.setLength(0);
                lineBytes = 0;
            }
            if (line.length() > 0) {
                line.append(' ');
                lineBytes++;
            }
            line.append(entry);
            lineBytes += bytes;
        }
        if (line.length() > 0) {
            numeric(RPL_NAMREPLY, symbol, channel, line.toString());
        }
    }

    // ---- TOPIC, MODE ----

    /** 332 and 333, or (when asked, not on JOIN) 331. */
    void topic(Room room, boolean asked) {
        String channel = IrcChannels.toChannel(room.name());
        Optional<IrcServer.Topic> topic = server.topic(room);
        if (topic.isPresent()) {
            numeric(RPL_TOPIC, channel, topic.get().text());
            numeric(RPL_TOPICWHOTIME, channel, topic.get().setBy(), Long.toString(topic.get().setAt().getEpochSecond()));
        } else if (asked) {
            numeric(RPL_NOTOPIC, channel, "No topic is set");
        }
    }

    // ---- LIST ----

    void list(IrcMessage message) {
        numeric(RPL_LISTSTART, "Channel", "Users  Name");
        IrcListFilter filter = IrcListFilter.parse(message.param(0));
        java.util.Set<Integer> named = new java.util.HashSet<>();
        filter.names().forEach(channel -> room(channel).ifPresent(room -> named.add(room.ref())));
        java.time.Instant now = java.time.Instant.now();
        List<Room> rooms = new ArrayList<>(server.chat.rooms().all());
        rooms.removeIf(room -> !filter.accepts(new IrcListFilter.Channel(IrcChannels.toChannel(room.name()),
                room.memberCount(), server.channel(room).created(), server.topic(room).map(IrcServer.Topic::setAt).orElse(null)),
                named.contains(room.ref()), now));
        rooms.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        // A secret channel (+s) is listed to its members only.
        rooms.removeIf(room -> !session.rooms.containsKey(room.ref()) && server.channel(room).has('s'));
        for (Room room : rooms) {
            numeric(RPL_LIST, IrcChannels.toChannel(room.name()), Integer.toString(room.memberCount()),
                    server.topic(room).map(IrcServer.Topic::text).orElse(""));
        }
        numeric(RPL_LISTEND, "End of /LIST");
    }

    // ---- WHO, WHOIS ----

    /** The WHOX fields of the WHO in progress, or null for a plain WHO. */
    private IrcWhox whox;

    /**
     * {@code WHO}: null when answered, else (a nick that may be a user of another node, looked up
     * off the loop) a stage that completes on {@code loop} once it is.
     */
    CompletionStage<?> who(IrcMessage message, Executor loop) {
        whox = IrcWhox.parse(message.param(1)).orElse(null);
        String mask = message.param(0) == null || message.param(0).isEmpty() ? "*" : message.param(0);
        if (IrcChannels.isChannel(mask)) {
            room(mask).ifPresent(room -> {
                String channel = IrcChannels.toChannel(room.name());
                for (MemberRef member : room.roster()) {
                    Optional<IrcSession> irc = server.session(member);
                    String prefix = server.channel(room).prefix(member, session.has(IrcCapabilities.MULTI_PREFIX));
                    if (irc.isPresent()) {
                        whoReply(channel, irc.get(), prefix);
                    } else {
                        whoOther(channel, member.name(), prefix);
                    }
                }
            });
        } else {
            // A mask matches a user's nick, user name, host, server or real name (Modern IRC).
            boolean isMask = mask.indexOf('*') >= 0 || mask.indexOf('?') >= 0;
            for (IrcSession user : server.registeredUsers()) {
                if (isMask && hiddenFromMe(user)) {
                    continue; // +i: a mask finds only users one shares a channel with (a plain nick still does)
                }
                if (IrcMasks.matches(mask, user.nick()) || IrcMasks.matches(mask, user.user())
                        || IrcMasks.matches(mask, user.host()) || IrcMasks.matches(mask, user.realName())
                        || IrcMasks.matches(mask, server.settings.serverName())) {
                    whoReply(firstChannel(user), user, firstPrefix(user));
                }
            }
            Optional<String> other = isMask ? Optional.empty()
                    : IrcNicks.toName(mask).filter(name -> server.user(name).isEmpty());
            if (other.isPresent()) {
                // A nick of another protocol's user, or of a user on another node (a mask does not
                // list those: whether they are +i is not known here).
                return IrcOnLoop.pending(server.presence.onlineName(other.get()).thenAcceptAsync(online -> {
                    online.ifPresent(name -> whoOther("*", name, ""));
                    numeric(RPL_ENDOFWHO, mask, "End of WHO list");
                }, loop));
            }
        }
        numeric(RPL_ENDOFWHO, mask, "End of WHO list");
        return null;
    }

    /** The user's status ({@code @}, {@code +}) in the channel {@link #firstChannel} names. */
    private String firstPrefix(IrcSession user) {
        return user.rooms.values().stream().findFirst().map(room -> server.channel(room)
                .prefix(MemberRef.of(user.member(), user.name()), session.has(IrcCapabilities.MULTI_PREFIX))).orElse("");
    }

    private boolean hiddenFromMe(IrcSession user) {
        return user.invisible() && user != session
                && user.rooms.keySet().stream().noneMatch(session.rooms::containsKey);
    }

    private static String firstChannel(IrcSession user) {
        return user.rooms.values().stream().findFirst().map(room -> IrcChannels.toChannel(room.name())).orElse("*");
    }

    /**
     * A 352 (or WHOX 354) line; {@code prefix} is the user's channel status ({@code @}, {@code +}),
     * after H/G and {@code *}, and {@code B} follows for a bot.
     */
    private void whoReply(String channel, IrcSession user, String prefix) {
        String flags = (user.away() == null ? "H" : "G") + (user.operator() ? "*" : "") + prefix
                + (user.bot() ? Character.toString(IrcBotMode.MODE) : "");
        String realName = user.realName().isEmpty() ? user.nick() : user.realName();
        if (whox != null) {
            String ip = IrcMasks.matches("*.*.*.*", user.host()) || user.host().indexOf(':') >= 0 ? user.host() : "255.255.255.255";
            whox(new IrcWhox.Row(channel, user.user(), ip, user.host(), server.settings.serverName(), user.nick(),
                    flags, user.account(), realName));
            return;
        }
        numeric(RPL_WHOREPLY, channel, user.user(), user.host(), server.settings.serverName(), user.nick(), flags, "0 " + realName);
    }

    private void whoOther(String channel, String name, String prefix) {
        String nick = IrcNicks.toNick(name);
        if (whox != null) {
            whox(new IrcWhox.Row(channel, "parley", "255.255.255.255", "parley.parley", server.settings.serverName(), nick,
                    "H" + prefix, null, nick));
            return;
        }
        numeric(RPL_WHOREPLY, channel, "parley", "parley.parley", server.settings.serverName(), nick, "H" + prefix, "0 " + nick);
    }

    private void whox(IrcWhox.Row row) {
        List<String> params = new ArrayList<>();
        params.add(session.nick());
        params.addAll(whox.params(row));
        out.add(new IrcMessage(java.util.Map.of(), server.settings.serverName(), RPL_WHOSPCRPL, params));
    }

    /**
     * {@code WHOIS}: null when answered, else (a user of another node, looked up off the loop) a
     * stage that completes on {@code loop} once it is.
     */
    CompletionStage<?> whois(IrcMessage message, Executor loop) {
        String target = message.params().size() >= 2 ? message.param(1) : message.param(0);
        if (target == null || target.isEmpty()) {
            numeric(ERR_NONICKNAMEGIVEN, "No nickname given");
            return null;
        }
        String nick = target.split(",")[0];
        Optional<IrcSession> found = IrcNicks.toName(nick).flatMap(server::user).filter(IrcSession::isRegistered);
        if (found.isEmpty()) {
            Optional<String> name = IrcNicks.toName(nick).filter(other -> server.user(other).isEmpty());
            CompletionStage<Optional<String>> online = name.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty()) : server.presence.onlineName(name.get());
            return IrcOnLoop.pending(online.thenAcceptAsync(other -> {
                if (other.isPresent()) {
                    // Another protocol's user, or a user on another node of a cluster: what is known of it.
                    String shown = IrcNicks.toNick(other.get());
                    numeric(RPL_WHOISUSER, shown, "parley", "parley.parley", "*", shown);
                    numeric(RPL_WHOISSERVER, shown, server.settings.serverName(), server.settings.network());
                    numeric(RPL_ENDOFWHOIS, shown, "End of /WHOIS list");
                    return;
                }
                numeric(ERR_NOSUCHNICK, nick, "No such nick/channel");
                numeric(RPL_ENDOFWHOIS, nick, "End of /WHOIS list");
            }, loop));
        }
        whoisUser(found.get());
        return null;
    }

    private void whoisUser(IrcSession user) {
        numeric(RPL_WHOISUSER, user.nick(), user.user(), user.host(), "*",
                user.realName().isEmpty() ? user.nick() : user.realName());
        MemberRef whom = MemberRef.of(user.member(), user.name());
        List<String> channels = user.rooms.values().stream()
                .filter(room -> !server.channel(room).has('s') || session.rooms.containsKey(room.ref()) || user == session)
                .map(room -> server.channel(room).prefix(whom, session.has(IrcCapabilities.MULTI_PREFIX))
                        + IrcChannels.toChannel(room.name())).sorted().toList();
        if (!channels.isEmpty()) {
            numeric(RPL_WHOISCHANNELS, user.nick(), String.join(" ", channels));
        }
        numeric(RPL_WHOISSERVER, user.nick(), server.settings.serverName(), server.settings.network());
        if (user.account() != null) {
            numeric(RPL_WHOISACCOUNT, user.nick(), user.account(), "is logged in as");
        }
        IrcBotMode.whois(server, user).ifPresent(params -> numeric(RPL_WHOISBOT, params));
        if (user.away() != null) {
            numeric(RPL_AWAY, user.nick(), user.away());
        }
        new IrcMetadata(server, session, out).whois(user);
        numeric(RPL_ENDOFWHOIS, user.nick(), "End of /WHOIS list");
    }

    /** 314 and 312 for each remembered user of that nick (newest first, up to a count), then 369; 406 if none. */
    void whowas(IrcMessage message) {
        String nick = message.param(0);
        if (nick == null || nick.isEmpty()) {
            numeric(ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        int count = Integer.MAX_VALUE;
        if (message.param(1) != null && message.param(1).matches("[0-9]{1,6}")) {
            int asked = Integer.parseInt(message.param(1));
            count = asked > 0 ? asked : Integer.MAX_VALUE;
        }
        List<IrcServer.Former> formers = server.formers(nick);
        if (formers.isEmpty()) {
            numeric(ERR_WASNOSUCHNICK, nick, "There was no such nickname");
        }
        for (IrcServer.Former former : formers.subList(0, Math.min(count, formers.size()))) {
            numeric(RPL_WHOWASUSER, former.nick(), former.user(), former.host(), "*",
                    former.realName().isEmpty() ? former.nick() : former.realName());
            numeric(RPL_WHOISSERVER, former.nick(), server.settings.serverName(), former.at().toString());
        }
        numeric(RPL_ENDOFWHOWAS, nick, "End of WHOWAS");
    }

    // ---- ISON, USERHOST ----

    /**
     * {@code ISON}: null when answered, else (users of other nodes, looked up at once, off the
     * loop) a stage that completes on {@code loop} once it is.
     */
    CompletionStage<?> ison(IrcMessage message, Executor loop) {
        if (message.params().isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "ISON", "Not enough parameters");
            return null;
        }
        // Each asked nick, in order: an IRC user's nick here, or a name to look up in the presence.
        List<String> ircNicks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String param : message.params()) {
            for (String nick : param.split(" ")) {
                Optional<String> name = IrcNicks.toName(nick);
                Optional<IrcSession> irc = name.flatMap(server::user).filter(IrcSession::isRegistered);
                if (irc.isPresent()) {
                    ircNicks.add(irc.get().nick());
                    names.add(null);
                } else {
                    // Another protocol's user, or a user on another node of a cluster.
                    ircNicks.add(null);
                    names.add(name.filter(other -> server.user(other).isEmpty()).orElse(null));
                }
            }
        }
        List<String> asked = names.stream().filter(java.util.Objects::nonNull).toList();
        CompletionStage<Map<String, String>> others = asked.isEmpty()
                ? CompletableFuture.completedFuture(Map.of()) : server.presence.onlineNames(asked);
        return IrcOnLoop.pending(others.thenAcceptAsync(found -> {
            List<String> online = new ArrayList<>();
            for (int i = 0; i < ircNicks.size(); i++) {
                String other = names.get(i) == null ? null : found.get(NameKeys.key(names.get(i)));
                if (ircNicks.get(i) != null) {
                    online.add(ircNicks.get(i));
                } else if (other != null) {
                    online.add(IrcNicks.toNick(other));
                }
            }
            numeric(RPL_ISON, String.join(" ", online));
        }, loop));
    }

    void userhost(IrcMessage message) {
        if (message.params().isEmpty()) {
            numeric(ERR_NEEDMOREPARAMS, "USERHOST", "Not enough parameters");
            return;
        }
        List<String> replies = new ArrayList<>();
        for (String nick : message.params().subList(0, Math.min(5, message.params().size()))) {
            IrcNicks.toName(nick).flatMap(server::user).filter(IrcSession::isRegistered).ifPresent(user ->
                    replies.add(user.nick() + "=" + (user.away() == null ? "+" : "-") + user.user() + "@" + user.host()));
        }
        numeric(RPL_USERHOST, String.join(" ", replies));
    }

    // ---- LUSERS, MOTD ----

    /**
     * Local: this node's IRC users. Global: everyone online by name (IRC nicks and account logins,
     * as ISON and WHOIS find them), on every node of a cluster; a cluster shows as one server.
     * A cluster's count is a query of the directory, answered off the loop: the replies follow on
     * {@code loop} (null when done within the call, as on a single node).
     */
    CompletionStage<?> lusers(Executor loop) {
        return IrcOnLoop.pending(server.presence.onlineCount().thenAcceptAsync(this::lusers, loop));
    }

    private void lusers(int online) {
        int users = server.registeredUserCount();
        int most = server.mostUsers.accumulateAndGet(users, Math::max);
        // The presence counts every nick held, an unregistered connection's too: not a user yet.
        int global = Math.max(users, online - server.unregisteredNickCount());
        int mostGlobal = server.mostGlobalUsers.accumulateAndGet(Math.max(global, most), Math::max);
        numeric(RPL_LUSERCLIENT, "There are " + global + " users and 0 invisible on 1 servers");
        numeric(RPL_LUSERCHANNELS, Integer.toString(server.chat.rooms().size()), "channels formed");
        numeric(RPL_LUSERME, "I have " + users + " clients and 0 servers");
        numeric(RPL_LOCALUSERS, Integer.toString(users), Integer.toString(most),
                "Current local users " + users + ", max " + most);
        numeric(RPL_GLOBALUSERS, Integer.toString(global), Integer.toString(mostGlobal),
                "Current global users " + global + ", max " + mostGlobal);
    }

    void motd() {
        List<String> motd = server.settings.motd();
        if (motd.isEmpty()) {
            numeric(ERR_NOMOTD, "MOTD File is missing");
            return;
        }
        numeric(RPL_MOTDSTART, "- " + server.settings.serverName() + " Message of the day - ");
        for (String line : motd) {
            numeric(RPL_MOTD, "- " + line);
        }
        numeric(RPL_ENDOFMOTD, "End of /MOTD command.");
    }
}
