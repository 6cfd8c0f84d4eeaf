package io.parley.protocol.irc;

import io.parley.core.text.NameKeys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IRCv3 {@code draft/read-marker} (docs/irc.md): {@code MARKREAD <target> [timestamp=...]}, the
 * time of the last message a user has read in a channel or a conversation with a nick. Kept in
 * memory: per account for users logged in with SASL (shared by every connection of the account,
 * which are told of changes, and kept across reconnections until the server stops), per
 * connection for guests (a guest's nick passes to someone else once it leaves, and read markers
 * must never reach another user). A marker only moves forward and never past the present; at most
 * {@link #MAX_TARGETS} an owner, the oldest dropped first.
 *
 * <p>Thread-safe: each owner's markers are a synchronized map; a connection calls in on its loop.
 * A change of an account's marker is told to the account's own connections, found by account.
 */
final class IrcReadMarkers {

    static final String CAPABILITY = "draft/read-marker";
    static final String COMMAND = "MARKREAD";
    /** The most targets one account or connection keeps a marker for. */
    static final int MAX_TARGETS = 1000;
    private static final String PREFIX = "timestamp=";

    private final IrcServer server;
    /** Accounts' markers: the account's key to folded target to marker. */
    private final Map<String, Map<String, Instant>> byAccount = new ConcurrentHashMap<>();
    /** Guests' markers, by connection (dropped with it). */
    private final Map<IrcSession, Map<String, Instant>> byGuest = new ConcurrentHashMap<>();
    /**
     * The connections logged in to each account (its key), told of the account's changes: a
     * change touches only them, not every user of the server. Each set is immutable, replaced
     * whole, so it is read without a lock.
     */
    private final Map<String, Set<IrcSession>> connections = new ConcurrentHashMap<>();

    IrcReadMarkers(IrcServer server) {
        this.server = server;
    }

    static void offer(Map<String, String> caps) {
        caps.put(CAPABILITY, "");
    }

    /** {@code MARKREAD <target> [timestamp=...]}: gets or sets; the replies go to {@code out}. */
    void command(IrcSession session, IrcMessage message, List<Object> out) {
        String target = message.param(0);
        if (target == null || target.isEmpty()) {
            out.add(fail("NEED_MORE_PARAMS", "Missing parameters"));
            return;
        }
        if (!validTarget(target)) {
            out.add(fail("INVALID_PARAMS", "Invalid target", target));
            return;
        }
        String given = message.param(1);
        Map<String, Instant> markers = markers(session);
        String key = IrcCasemapping.fold(target);
        if (given == null) {
            out.add(markread(target, get(markers, key)));
            return;
        }
        Instant time = parse(given);
        if (time == null) {
            out.add(fail("INVALID_PARAMS", "Invalid timestamp", given));
            return;
        }
        Instant latest = time.isAfter(Instant.now()) ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : time;
        Instant kept;
        boolean changed;
        synchronized (markers) {
            Instant before = markers.get(key);
            changed = before == null || latest.isAfter(before);
            if (changed) {
                if (before == null && markers.size() >= MAX_TARGETS) {
                    markers.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                            .ifPresent(oldest -> markers.remove(oldest.getKey()));
                }
                markers.put(key, latest);
            }
            kept = markers.get(key);
        }
        IrcMessage reply = markread(target, kept);
        out.add(reply);
        if (changed && session.account() != null) {
            for (IrcSession other : connections.getOrDefault(NameKeys.key(session.account()), Set.of())) {
                if (other != session && other.isRegistered() && other.has(CAPABILITY)) {
                    other.member().push(new IrcDirect(reply, Instant.now()));
                }
            }
        }
    }

    /** {@code session} has just logged in (SASL): from now on it is told of its account's changes. */
    void loggedIn(IrcSession session) {
        connections.compute(NameKeys.key(session.account()), (account, sessions) -> {
            Set<IrcSession> more = sessions == null ? new HashSet<>() : new HashSet<>(sessions);
            more.add(session);
            return Set.copyOf(more);
        });
    }

    /** After the JOIN of {@code channel}, before its names: the joiner's marker for it, with the capability. */
    void joined(IrcSession session, String channel, List<Object> out) {
        if (session.has(CAPABILITY)) {
            out.add(markread(channel, get(markers(session), IrcCasemapping.fold(channel))));
        }
    }

    /** A connection ended: a guest's markers go with it; an account's stay, told to its other connections only. */
    void gone(IrcSession session) {
        byGuest.remove(session);
        String account = session.account();
        if (account != null) {
            connections.computeIfPresent(NameKeys.key(account), (key, sessions) -> {
                if (!sessions.contains(session)) {
                    return sessions;
                }
                Set<IrcSession> fewer = new HashSet<>(sessions);
                fewer.remove(session);
                return fewer.isEmpty() ? null : Set.copyOf(fewer);
            });
        }
    }

    private Map<String, Instant> markers(IrcSession session) {
        String account = session.account();
        if (account != null) {
            byGuest.remove(session); // logged in since: the account's markers count from now on
            return byAccount.computeIfAbsent(NameKeys.key(account), a -> new LinkedHashMap<>());
        }
        return byGuest.computeIfAbsent(session, s -> new LinkedHashMap<>());
    }

    private static Instant get(Map<String, Instant> markers, String key) {
        synchronized (markers) {
            return markers.get(key);
        }
    }

    /** {@code timestamp=<ISO 8601 UTC>} as a client sends it (never {@code *}), or null. */
    static Instant parse(String given) {
        if (!given.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Instant.parse(given.substring(PREFIX.length())).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean validTarget(String target) {
        return IrcChannels.isChannel(target) ? IrcChannels.problem(target).isEmpty() : IrcNicks.problem(target).isEmpty();
    }

    private IrcMessage markread(String target, Instant time) {
        return IrcMessage.from(server.settings.serverName(), COMMAND, target,
                time == null ? "*" : PREFIX + IrcEventEncoder.SERVER_TIME.format(time));
    }

    private IrcMessage fail(String code, String description, String... context) {
        return server.replies.standardReply(IrcNumerics.FAIL, COMMAND, code, description, context);
    }
}
