package io.parley.protocol.irc;

import static io.parley.protocol.irc.IrcNumerics.ERR_NEEDMOREPARAMS;

import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IRCv3 metadata ({@code draft/metadata-3}, the draft of ircv3-specifications PR #613 that
 * irctest and Ergo follow; docs/irc.md "Metadata"): the {@code METADATA} command of one
 * connection (GET, LIST, SET, CLEAR, SUB, UNSUB, SUBS, SYNC), the values a client learns when
 * it registers and joins a channel, the {@code 760} lines of WHOIS, and the {@code 761}/{@code 766}
 * notifications subscribers get when a user or channel they share changes.
 *
 * <p>Metadata is kept in memory only: a user's for its connection ({@link IrcMetadataSession}),
 * a channel's beside its modes ({@link IrcMetadataChannels}). Event-loop only; one per connection.
 */
final class IrcMetadata {

    static final String CAPABILITY = "draft/metadata-3";
    /** The most keys one user or channel holds ({@code max-keys}). */
    static final int MAX_KEYS = 20;
    /** The most keys one connection subscribes to ({@code max-subs}). */
    static final int MAX_SUBSCRIPTIONS = 50;
    /** The longest key, in bytes (keys are ASCII). */
    static final int MAX_KEY_BYTES = 64;
    /**
     * The longest value, in UTF-8 bytes ({@code max-value-bytes}): with the longest key, nick and
     * channel, a {@code 761} line still fits 512 bytes for a server name of up to 80 characters.
     */
    static final int MAX_VALUE_BYTES = 256;
    /** The cap's value in {@code CAP LS 302}. */
    static final String CAPABILITY_VALUE = "before-connect,max-subs=" + MAX_SUBSCRIPTIONS + ",max-keys=" + MAX_KEYS
            + ",max-value-bytes=" + MAX_VALUE_BYTES;
    /** The {@code SYNC} target for everything the connection receives updates for (what {@code 774} after a SUB names). */
    static final String SYNC_ALL = "*ALL";

    static final String RPL_WHOISKEYVALUE = "760";
    static final String RPL_KEYVALUE = "761";
    static final String RPL_KEYNOTSET = "766";
    static final String RPL_METADATASUBOK = "770";
    static final String RPL_METADATAUNSUBOK = "771";
    static final String RPL_METADATASUBS = "772";
    static final String RPL_METADATASYNCLATER = "774";

    /** Key names: the spec's characters, not starting with a colon; folded to lower case. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final String BATCH_TYPE = "metadata";
    /** What a visibility parameter says: every key is visible to everyone who may read the target. */
    private static final String VISIBLE = "*";
    /** At most 15 parameters a line: the nick and 14 keys. */
    private static final int KEYS_PER_LINE = 14;

    /** Offers the capability (called while the server assembles its {@code CAP LS}). */
    static void offer(Map<String, String> caps) {
        caps.put(CAPABILITY, CAPABILITY_VALUE);
    }

    /** A resolved target: a registered IRC user, a channel, or another protocol's user (who has no metadata). */
    private record Target(String name, IrcSession user, Room room) {
        Optional<IrcMetadataValues> values(IrcServer server) {
            if (user != null) {
                return Optional.of(user.metadata.values);
            }
            return room == null ? Optional.empty() : server.metadata.read(room);
        }
    }

    private final IrcServer server;
    private final IrcSession session;
    private final List<Object> out;

    IrcMetadata(IrcServer server, IrcSession session, List<Object> out) {
        this.server = server;
        this.session = session;
        this.out = out;
    }

    // ---- METADATA <target> <subcommand> [<params>...] ----

    void command(IrcMessage message) {
        if (message.params().size() < 2) {
            numeric(ERR_NEEDMOREPARAMS, "METADATA", "Not enough parameters");
            return;
        }
        String subcommand = message.param(1).toUpperCase(Locale.ROOT);
        boolean needsKey = Set.of("GET", "SET", "SUB", "UNSUB").contains(subcommand);
        if (needsKey && message.params().size() < 3) {
            numeric(ERR_NEEDMOREPARAMS, "METADATA", "Not enough parameters");
            return;
        }
        List<String> rest = message.params().subList(2, message.params().size());
        switch (subcommand) {
            case "SUB" -> sub(rest);
            case "UNSUB" -> unsub(rest);
            case "SUBS" -> subs();
            case "GET", "LIST", "SET", "CLEAR", "SYNC" -> onTarget(message.param(0), subcommand, rest);
            default -> fail("INVALID_PARAMS", "Unknown METADATA subcommand", param(message.param(1)));
        }
    }

    private void onTarget(String given, String subcommand, List<String> rest) {
        if (subcommand.equals("SYNC") && given.equalsIgnoreCase(SYNC_ALL) && session.isRegistered()) {
            syncAll();
            return;
        }
        Optional<Target> found = resolve(given);
        if (found.isEmpty()) {
            return; // the refusal is in the output
        }
        Target target = found.get();
        switch (subcommand) {
            case "GET" -> get(target, rest);
            case "LIST" -> list(target);
            case "SET" -> set(target, rest.get(0), rest.size() > 1 ? rest.get(1) : "");
            case "CLEAR" -> clear(target);
            default -> sync(target);
        }
    }

    /** The target {@code given} names, or empty with {@code FAIL} in the output. */
    private Optional<Target> resolve(String given) {
        if (given.equals("*") || (session.hasNick() && IrcCasemapping.same(given, session.nick()))) {
            return Optional.of(new Target(session.nick(), session, null));
        }
        if (!session.isRegistered()) {
            fail("KEY_NO_PERMISSION", "Only your own metadata can be used before registering", param(given), "*");
            return Optional.empty();
        }
        if (IrcChannels.isChannel(given)) {
            Optional<Room> room = IrcChannels.toRoom(given).flatMap(server.chat.rooms()::byName);
            if (room.isPresent()) {
                return Optional.of(new Target(IrcChannels.toChannel(room.get().name()), null, room.get()));
            }
        } else {
            Optional<String> name = IrcNicks.toName(given);
            Optional<IrcSession> user = name.flatMap(server::user).filter(IrcSession::isRegistered);
            if (user.isPresent()) {
                return Optional.of(new Target(user.get().nick(), user.get(), null));
            }
            if (name.flatMap(server.presence::find).isPresent()) {
                return Optional.of(new Target(given, null, null)); // another protocol's user: no metadata
            }
        }
        fail("INVALID_TARGET", "Invalid metadata target", param(given));
        return Optional.empty();
    }

    /** Whether this user may read {@code target}: any user; a channel it is in (or as an IRC operator). */
    private boolean mayRead(Target target) {
        return target.room() == null || session.rooms.containsKey(target.room().ref()) || session.operator();
    }

    /** Whether this user may change {@code target}: itself; a channel it is an operator of (or as an IRC operator). */
    private boolean mayChange(Target target) {
        if (target.user() != null) {
            return target.user() == session;
        }
        if (target.room() == null) {
            return false;
        }
        MemberRef self = MemberRef.of(session.member(), session.name());
        return session.operator()
                || (session.rooms.containsKey(target.room().ref()) && server.channel(target.room()).isOp(self));
    }

    // ---- GET, LIST, SET, CLEAR ----

    private void get(Target target, List<String> keys) {
        if (!mayRead(target)) {
            fail("KEY_NO_PERMISSION", "You cannot see this target's metadata", target.name(), "*");
            return;
        }
        Optional<IrcMetadataValues> values = target.values(server);
        List<Object> lines = new ArrayList<>();
        for (String given : keys) {
            Optional<String> key = key(given);
            if (key.isEmpty()) {
                lines.add(failure("INVALID_KEY", "Invalid key name", param(given)));
                continue;
            }
            Optional<String> value = values.flatMap(v -> v.get(key.get()));
            lines.add(value.isPresent() ? keyValue(target.name(), key.get(), value.get())
                    : numericLine(RPL_KEYNOTSET, target.name(), key.get(), "Key is not set"));
        }
        out.addAll(batch(target.name(), lines));
    }

    private void list(Target target) {
        if (!mayRead(target)) {
            fail("KEY_NO_PERMISSION", "You cannot see this target's metadata", target.name(), "*");
            return;
        }
        List<Object> lines = new ArrayList<>();
        target.values(server).map(IrcMetadataValues::all).orElse(Map.of())
                .forEach((key, value) -> lines.add(keyValue(target.name(), key, value)));
        out.addAll(batch(target.name(), lines));
    }

    private void set(Target target, String given, String value) {
        Optional<String> key = key(given);
        if (key.isEmpty()) {
            fail("INVALID_KEY", "Invalid key name", param(given));
            return;
        }
        if (!mayChange(target)) {
            fail("KEY_NO_PERMISSION", "You cannot change this target's metadata", target.name(), key.get());
            return;
        }
        if (value.isEmpty()) {
            boolean removed = target.room() != null
                    ? server.metadata.change(target.room(), values -> values.remove(key.get()))
                    : target.user().metadata.values.remove(key.get());
            numeric(RPL_KEYNOTSET, target.name(), key.get(), "Key is not set");
            if (removed) {
                notifySubscribers(target, key.get(), null);
            }
            return;
        }
        if (IrcLimits.utf8Length(value) > MAX_VALUE_BYTES) {
            fail("INVALID_VALUE", "Value is longer than " + MAX_VALUE_BYTES + " bytes", key.get());
            return;
        }
        IrcMetadataValues.Change change = target.room() != null
                ? server.metadata.change(target.room(), values -> values.set(key.get(), value))
                : target.user().metadata.values.set(key.get(), value);
        if (change == IrcMetadataValues.Change.FULL) {
            fail("LIMIT_REACHED", "Too many metadata keys", target.name(), Integer.toString(MAX_KEYS));
            return;
        }
        out.add(keyValue(target.name(), key.get(), value));
        if (change != IrcMetadataValues.Change.UNCHANGED) {
            notifySubscribers(target, key.get(), value);
        }
    }

    private void clear(Target target) {
        if (!mayChange(target)) {
            fail("KEY_NO_PERMISSION", "You cannot change this target's metadata", target.name(), "*");
            return;
        }
        Map<String, String> cleared = target.room() != null
                ? server.metadata.change(target.room(), IrcMetadataValues::clear)
                : target.user().metadata.values.clear();
        List<Object> lines = new ArrayList<>();
        for (String key : cleared.keySet()) {
            lines.add(numericLine(RPL_KEYNOTSET, target.name(), key, "Key is not set"));
        }
        out.addAll(batch(target.name(), lines));
        for (String key : cleared.keySet()) {
            notifySubscribers(target, key, null);
        }
    }

    // ---- subscriptions ----

    private void sub(List<String> keys) {
        List<String> added = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (String given : keys) {
            Optional<String> key = key(given);
            if (key.isEmpty()) {
                failures.add(failure("INVALID_KEY", "Invalid key name", param(given)));
                continue;
            }
            if (!session.metadata.subscribe(key.get())) {
                failures.add(failure("LIMIT_REACHED", "Too many subscriptions", key.get(),
                        Integer.toString(MAX_SUBSCRIPTIONS)));
                break; // the keys after this one are not processed
            }
            if (!added.contains(key.get())) {
                added.add(key.get());
            }
        }
        keyLines(RPL_METADATASUBOK, added);
        out.addAll(failures);
        if (session.isRegistered() && !added.isEmpty()) {
            // The values of the new keys are one SYNC away, as draft/metadata-3 has it.
            numeric(RPL_METADATASYNCLATER, SYNC_ALL, "0", "Use METADATA " + SYNC_ALL + " SYNC for the current values");
        }
    }

    private void unsub(List<String> keys) {
        List<String> removed = new ArrayList<>();
        for (String given : keys) {
            Optional<String> key = key(given);
            if (key.isEmpty()) {
                fail("INVALID_KEY", "Invalid key name", param(given));
                continue;
            }
            session.metadata.unsubscribe(key.get());
            if (!removed.contains(key.get())) {
                removed.add(key.get());
            }
        }
        keyLines(RPL_METADATAUNSUBOK, removed);
    }

    private void subs() {
        keyLines(RPL_METADATASUBS, session.metadata.subscriptions());
    }

    /** {@code keys} as parameters of as few {@code numeric} lines as fit. */
    private void keyLines(String numeric, List<String> keys) {
        List<String> line = new ArrayList<>();
        for (String key : keys) {
            line.add(key);
            if (line.size() > 1 && (line.size() > KEYS_PER_LINE || !fits(numeric, line))) {
                line.remove(line.size() - 1);
                numeric(numeric, line.toArray(String[]::new));
                line = new ArrayList<>(List.of(key));
            }
        }
        if (!line.isEmpty()) {
            numeric(numeric, line.toArray(String[]::new));
        }
    }

    private boolean fits(String numeric, List<String> params) {
        return numericLine(numeric, params.toArray(String[]::new)).bodyBytes() <= IrcLimits.MAX_BODY_BYTES;
    }

    // ---- what a client learns without asking for it ----

    private void sync(Target target) {
        if (!mayRead(target)) {
            fail("KEY_NO_PERMISSION", "You cannot see this target's metadata", target.name(), "*");
            return;
        }
        List<Object> lines = new ArrayList<>();
        subscribedValues(target.name(), target.values(server), lines);
        if (target.room() != null) {
            for (IrcSession member : server.ircMembers(target.room())) {
                subscribedValues(member.nick(), Optional.of(member.metadata.values), lines);
            }
        }
        out.addAll(batch(target.name(), lines));
    }

    /** {@code METADATA *ALL SYNC}: the connection's own values, its channels' and their members'. */
    private void syncAll() {
        List<Object> lines = new ArrayList<>();
        Set<IrcSession> users = new LinkedHashSet<>();
        users.add(session);
        for (Room room : session.rooms.values()) {
            subscribedValues(IrcChannels.toChannel(room.name()), server.metadata.read(room), lines);
            users.addAll(server.ircMembers(room));
        }
        for (IrcSession user : users) {
            subscribedValues(user.nick(), Optional.of(user.metadata.values), lines);
        }
        out.addAll(batch(SYNC_ALL, lines));
    }

    /** At registration: the values set before it ({@code before-connect}), in a batch, empty when none. */
    void registered() {
        if (!session.has(CAPABILITY)) {
            return;
        }
        List<Object> lines = new ArrayList<>();
        session.metadata.values.all().forEach((key, value) -> lines.add(keyValue(session.nick(), key, value)));
        out.addAll(batch(session.nick(), lines));
    }

    /** After a JOIN: the channel's and its other members' values of the keys subscribed to, if any. */
    void joined(Room room) {
        if (!session.has(CAPABILITY)) {
            return;
        }
        List<Object> lines = new ArrayList<>();
        String channel = IrcChannels.toChannel(room.name());
        subscribedValues(channel, server.metadata.read(room), lines);
        for (IrcSession member : server.ircMembers(room)) {
            if (member != session) {
                subscribedValues(member.nick(), Optional.of(member.metadata.values), lines);
            }
        }
        if (!lines.isEmpty()) {
            out.addAll(batch(channel, lines));
        }
    }

    /** WHOIS: every key {@code user} has set, as {@code 760} lines, for a client that asked for metadata. */
    void whois(IrcSession user) {
        if (!session.has(CAPABILITY)) {
            return;
        }
        user.metadata.values.all().forEach((key, value) -> numeric(RPL_WHOISKEYVALUE, user.nick(), key, VISIBLE, value));
    }

    /**
     * For a member who sees {@code joiner} join a channel (its encoder, on its loop): the joiner's
     * keys it subscribed to, as {@code 761} lines right after the JOIN, as a change would be told.
     */
    static List<IrcMessage> ofJoiner(IrcServer server, IrcSession member, IrcSession joiner) {
        if (joiner == member || !member.has(CAPABILITY)) {
            return List.of();
        }
        List<IrcMessage> lines = new ArrayList<>();
        joiner.metadata.values.all().forEach((key, value) -> {
            if (member.metadata.subscribed(key)) {
                lines.add(server.replies.numeric(RPL_KEYVALUE, member.nick(), joiner.nick(), key, VISIBLE, value));
            }
        });
        return lines;
    }

    private void subscribedValues(String targetName, Optional<IrcMetadataValues> values, List<Object> lines) {
        values.map(IrcMetadataValues::all).orElse(Map.of()).forEach((key, value) -> {
            if (session.metadata.subscribed(key)) {
                lines.add(keyValue(targetName, key, value));
            }
        });
    }

    // ---- notifications ----

    /**
     * Tells the subscribers of {@code key} among those who share {@code target} (its channel's
     * members, or the rooms of the user) that it changed: {@code 761}, or {@code 766} when
     * {@code value} is null. The one who made the change has its reply already.
     */
    private void notifySubscribers(Target target, String key, String value) {
        Set<IrcSession> recipients = new LinkedHashSet<>();
        if (target.room() != null) {
            recipients.addAll(server.ircMembers(target.room()));
        } else {
            for (Room room : target.user().rooms.values()) {
                recipients.addAll(server.ircMembers(room));
            }
        }
        recipients.remove(session);
        Instant now = Instant.now();
        for (IrcSession other : recipients) {
            if (!other.has(CAPABILITY) || !other.metadata.subscribed(key)) {
                continue;
            }
            IrcMessage notice = value == null
                    ? server.replies.numeric(RPL_KEYNOTSET, other.nick(), target.name(), key, "Key is not set")
                    : server.replies.numeric(RPL_KEYVALUE, other.nick(), target.name(), key, VISIBLE, value);
            other.member().push(new IrcDirect(notice, now));
        }
    }

    // ---- replies ----

    /** {@code lines} in a {@code metadata} batch naming {@code target}, for a client that has {@code batch}. */
    private List<Object> batch(String target, List<Object> lines) {
        if (!session.has(IrcCapabilities.BATCH)) {
            return lines;
        }
        return session.batches.wrap(server.settings.serverName(), Map.of(), BATCH_TYPE, List.of(param(target)), lines);
    }

    private IrcMessage keyValue(String target, String key, String value) {
        return numericLine(RPL_KEYVALUE, target, key, VISIBLE, value);
    }

    private IrcMessage numericLine(String numeric, String... params) {
        return server.replies.numeric(numeric, session.nick(), params);
    }

    private void numeric(String numeric, String... params) {
        out.add(numericLine(numeric, params));
    }

    private IrcMessage failure(String code, String description, String... context) {
        return server.replies.standardReply(IrcNumerics.FAIL, "METADATA", code, description, context);
    }

    private void fail(String code, String description, String... context) {
        out.add(failure(code, description, context));
    }

    /** A valid key, folded to lower case (keys are case-insensitive), or empty. */
    static Optional<String> key(String given) {
        if (given.isEmpty() || given.startsWith(":") || given.length() > MAX_KEY_BYTES || !KEY.matcher(given).matches()) {
            return Optional.empty();
        }
        return Optional.of(given.toLowerCase(Locale.ROOT));
    }

    /** A client's word as a middle parameter of a reply: {@code *} when it could not be one (empty, a leading colon). */
    private static String param(String given) {
        return given.isEmpty() || given.startsWith(":") || given.indexOf(' ') >= 0 ? "*" : given;
    }
}
