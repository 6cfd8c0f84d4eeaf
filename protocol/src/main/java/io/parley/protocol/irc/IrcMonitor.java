package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.*;

import io.parley.core.account.Presence;
import io.parley.core.text.NameKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * IRCv3 {@code MONITOR} for one server: each connection's list of nicks (at most {@link #LIMIT})
 * and who watches each nick. {@code MONITOR + - C L S} answer with 730-734. A nick is online when
 * an IRC user has it or a user of another protocol is logged in under its name (the shared
 * {@link Presence}); IRC users coming and going (registration, NICK, the end of the connection)
 * are announced to their watchers as they happen, and so are names coming and going on other
 * cluster nodes ({@link Presence#watchOtherNodes}); other protocols' users of this node only when
 * asked ({@code +}, {@code S}): the presence port tells no one of logins here.
 *
 * <p>Thread-safe: concurrent maps; a connection changes its own list on its event loop.
 */
final class IrcMonitor {

    /** The most nicks one connection may monitor ({@code MONITOR} in 005). */
    static final int LIMIT = 100;
    static final String EXTENDED_MONITOR = "extended-monitor";

    static void offer(Map<String, String> caps) {
        caps.put(EXTENDED_MONITOR, "");
    }

    private final IrcServer server;
    private volatile Presence presence;
    /** Watching connections by the folded name of the nick they watch. */
    private final Map<String, Set<IrcSession>> watchers = new ConcurrentHashMap<>();
    /** Each connection's list: folded name to the nick as it was given. */
    private final Map<IrcSession, Map<String, String>> lists = new ConcurrentHashMap<>();
    /** Connections that said QUIT and have not closed yet (told once). */
    private final Map<IrcSession, Boolean> departed = new ConcurrentHashMap<>();

    IrcMonitor(IrcServer server) {
        this.server = server;
    }

    void presence(Presence presence) {
        this.presence = presence;
        presence.watchOtherNodes(this::elsewhere);
    }

    /**
     * {@code name} came online or went offline on another node: its watchers here get 730 (with
     * the source other nodes' users are shown with) or 731. Dropped when this node holds the name
     * now (a notice that crossed the name's move here: this node told its watchers itself).
     */
    private void elsewhere(String name, boolean online) {
        Presence known = presence;
        if (server.user(name).filter(IrcSession::isRegistered).isPresent()
                || (known != null && known.find(name).isPresent())) {
            return;
        }
        notify(name, name, online, online ? IrcServer.otherSource(name) : name);
    }

    /**
     * {@code MONITOR <+|-> targets}, {@code MONITOR C|L|S}; the replies go to {@code out}. Null
     * when answered, else (users of other nodes, looked up off the loop) a stage that completes on
     * {@code loop} once the replies are in {@code out}.
     */
    CompletionStage<?> command(IrcSession session, IrcMessage message, List<Object> out, Executor loop) {
        String sub = message.param(0);
        if (sub == null || sub.isEmpty()) {
            out.add(numeric(session, ERR_NEEDMOREPARAMS, "MONITOR", "Not enough parameters"));
            return null;
        }
        switch (sub) {
            case "+", "-" -> {
                String targets = message.param(1);
                if (targets == null || targets.isEmpty()) {
                    out.add(numeric(session, ERR_NEEDMOREPARAMS, "MONITOR", "Not enough parameters"));
                } else if (sub.equals("+")) {
                    return add(session, targets, out, loop);
                } else {
                    for (String nick : targets.split(",")) {
                        key(nick).ifPresent(key -> unwatch(session, key));
                    }
                }
            }
            case "C", "c" -> clear(session);
            case "L", "l" -> {
                List<String> nicks = new ArrayList<>(list(session).values());
                for (String line : joinWithin(nicks, budget(session, RPL_MONLIST))) {
                    out.add(numeric(session, RPL_MONLIST, line));
                }
                out.add(numeric(session, RPL_ENDOFMONLIST, "End of MONITOR list"));
            }
            case "S", "s" -> {
                return status(session, new ArrayList<>(list(session).values()), out, loop);
            }
            default -> out.add(numeric(session, ERR_UNKNOWNCOMMAND, "MONITOR", "Unknown MONITOR subcommand"));
        }
        return null;
    }

    private CompletionStage<?> add(IrcSession session, String targets, List<Object> out, Executor loop) {
        Map<String, String> list = lists.computeIfAbsent(session, s -> new LinkedHashMap<>());
        List<String> added = new ArrayList<>();
        String[] nicks = targets.split(",");
        for (int i = 0; i < nicks.length; i++) {
            String nick = nicks[i];
            Optional<String> key = key(nick);
            if (key.isEmpty()) {
                continue;
            }
            if (!list.containsKey(key.get()) && list.size() >= LIMIT) {
                String rest = String.join(",", List.of(nicks).subList(i, nicks.length));
                out.add(numeric(session, ERR_MONLISTFULL, Integer.toString(LIMIT), rest, "Monitor list is full."));
                break;
            }
            synchronized (list) {
                list.put(key.get(), nick);
            }
            watchers.computeIfAbsent(key.get(), k -> ConcurrentHashMap.newKeySet()).add(session);
            added.add(nick);
        }
        return status(session, added, out, loop);
    }

    /**
     * 730 for those of {@code nicks} online (with their source), 731 for the others. The nicks no
     * IRC user here has are looked up in the presence at once (in a cluster, off the loop):
     * null when answered, else a stage that completes on {@code loop} once the replies are in {@code out}.
     */
    private CompletionStage<?> status(IrcSession session, List<String> nicks, List<Object> out, Executor loop) {
        Map<String, String> ircSources = new java.util.HashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (String nick : nicks) {
            Optional<String> name = IrcNicks.toName(nick);
            Optional<IrcSession> irc = name.flatMap(server::user).filter(IrcSession::isRegistered);
            if (irc.isPresent()) {
                ircSources.put(nick, irc.get().source());
            } else {
                name.ifPresent(elsewhere::add);
            }
        }
        Presence known = presence;
        CompletionStage<Map<String, String>> others = known == null || elsewhere.isEmpty()
                ? CompletableFuture.completedFuture(Map.of()) : known.onlineNames(elsewhere);
        return IrcOnLoop.pending(others.thenAcceptAsync(online -> {
            List<String> on = new ArrayList<>();
            List<String> off = new ArrayList<>();
            for (String nick : nicks) {
                String source = ircSources.get(nick);
                Optional<String> name = IrcNicks.toName(nick);
                if (source == null && name.isPresent() && online.containsKey(NameKeys.key(name.get()))) {
                    source = IrcServer.otherSource(name.get());
                }
                if (source != null) {
                    on.add(source);
                } else {
                    off.add(nick);
                }
            }
            for (String line : joinWithin(on, budget(session, RPL_MONONLINE))) {
                out.add(numeric(session, RPL_MONONLINE, line));
            }
            for (String line : joinWithin(off, budget(session, RPL_MONOFFLINE))) {
                out.add(numeric(session, RPL_MONOFFLINE, line));
            }
        }, loop));
    }

    /**
     * IRCv3 {@code extended-monitor}: the connections (other than {@code watched}'s) that monitor
     * {@code watched}'s nick and enabled it; they hear of its AWAY, ACCOUNT and SETNAME as if they
     * shared a channel, each as its own capability for that allows.
     */
    Set<IrcSession> extendedWatchers(IrcSession watched) {
        Set<IrcSession> watching = watched.name() == null ? null : watchers.get(NameKeys.key(watched.name()));
        if (watching == null) {
            return Set.of();
        }
        Set<IrcSession> found = new java.util.HashSet<>();
        for (IrcSession watcher : watching) {
            if (watcher != watched && watcher.has(EXTENDED_MONITOR)) {
                found.add(watcher);
            }
        }
        return found;
    }

    /** {@code user} is online under its nick (registered, or renamed): its watchers get 730. */
    void online(IrcSession user) {
        notify(user.name(), user.nick(), true, user.source());
    }

    /** The IRC user who had {@code nick} (for {@code name}) no longer has it: its watchers get 731. */
    void offline(String name, String nick) {
        notify(name, nick, false, nick);
    }

    /**
     * A connection said QUIT: its watchers learn now, not when its socket has closed ({@link #gone}).
     * The stage completes once every 731 has been flushed to its watcher, so that the QUIT's
     * {@code ERROR} does not overtake them ({@link IrcPushes}).
     */
    CompletableFuture<Void> quitting(IrcSession session) {
        if (departed.putIfAbsent(session, Boolean.TRUE) == null) {
            return leave(session);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** A connection has closed: it watches nothing any more and, if it was registered, goes offline (once). */
    void gone(IrcSession session) {
        if (departed.remove(session) == null) {
            leave(session);
        }
    }

    private CompletableFuture<Void> leave(IrcSession session) {
        clear(session);
        lists.remove(session);
        if (session.isRegistered() && session.name() != null) {
            return notify(session.name(), session.nick(), false, session.nick());
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Tells {@code name}'s watchers; the stage completes once each has been flushed the line. */
    private CompletableFuture<Void> notify(String name, String nick, boolean online, String shown) {
        if (name == null) {
            return CompletableFuture.completedFuture(null);
        }
        Set<IrcSession> watching = watchers.get(NameKeys.key(name));
        if (watching == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> told = new ArrayList<>();
        for (IrcSession watcher : watching) {
            IrcMessage line = numeric(watcher, online ? RPL_MONONLINE : RPL_MONOFFLINE, shown);
            told.add(IrcPushes.pushFlushed(watcher, new IrcDirect(line, Instant.now())));
        }
        return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new));
    }

    private void clear(IrcSession session) {
        Map<String, String> list = lists.get(session);
        if (list == null) {
            return;
        }
        for (String key : List.copyOf(list.keySet())) {
            unwatch(session, key);
        }
    }

    private void unwatch(IrcSession session, String key) {
        Map<String, String> list = lists.get(session);
        if (list != null) {
            synchronized (list) {
                list.remove(key);
            }
        }
        watchers.computeIfPresent(key, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    private Map<String, String> list(IrcSession session) {
        Map<String, String> list = lists.get(session);
        if (list == null) {
            return Map.of();
        }
        synchronized (list) {
            return new LinkedHashMap<>(list);
        }
    }

    /** {@code items} joined with commas into as few lines as keep each within {@code budget} bytes. */
    static List<String> joinWithin(List<String> items, int budget) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String item : items) {
            int extra = (line.length() == 0 ? 0 : 1) + IrcLimits.utf8Length(item);
            if (line.length() > 0 && IrcLimits.utf8Length(line) + extra > budget) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(',');
            }
            line.append(item);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static Optional<String> key(String nick) {
        return IrcNicks.toName(nick).map(NameKeys::key);
    }

    /** Bytes left for the list in one {@code :<server> <numeric> <nick> :<list>} line. */
    private int budget(IrcSession session, String numeric) {
        return IrcLimits.MAX_BODY_BYTES - numeric(session, numeric, "").bodyBytes();
    }

    private IrcMessage numeric(IrcSession session, String numeric, String... params) {
        return server.replies.numeric(numeric, session.nick(), params);
    }
}
