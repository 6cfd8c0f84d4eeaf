package io.parley.protocol.irc;

import io.parley.core.account.Presence;
import io.parley.core.account.RegisteredNames;
import io.parley.protocol.SharedAccounts;
import io.parley.core.room.ChatService;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomModeLink;
import io.parley.core.room.RoomModes;
import io.parley.core.room.RoomStore;
import io.parley.core.room.RoomTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the IRC connections of one server share: the settings, the replies' and 005's forms, the
 * registered IRC users by name and by room member, and the channels' topics.
 *
 * <p>Nicks are unique among IRC users here (a {@link #users} entry is taken before a nick is
 * granted) and a name an account registered is refused through {@link RegisteredNames}; other
 * protocols' unregistered names are not yet known here: the core's presence registry
 * (h/identity) takes that over. Topics are kept in the store ({@link RoomStore#setTopic}) and
 * read back at start. Channel modes and lists are kept in the store once a MODE changes them
 * ({@link #storeModes}), read back at start and when this node first opens a room that was not
 * read then ({@link #readModes}), and told to the other nodes of a cluster, which apply them to
 * their copies ({@link #heard}); members' status and invitations ({@link IrcChannelState}) stay
 * in this node's memory.
 *
 * <p>Thread-safe: concurrent maps; {@link IrcSession} fields read from other loops are volatile.
 */
final class IrcServer {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IrcServer.class);

    /** A channel's topic: the text, who set it (a source) and when. */
    record Topic(String text, String setBy, Instant setAt) {}

    static final String VERSION = "parley-1";
    /** User modes this server knows (004, 221): {@code B} (bot), {@code i} (invisible), {@code o}, {@code w}. */
    static final String USER_MODES = "Biow";
    /** Channel modes (004): {@link IrcChannelState}'s flags and {@code b e I k l o v}. */
    static final String CHANNEL_MODES = "CIbeiklmnostv";

    /**
     * The capabilities implemented, and only those (docs/irc.md); the message layer's are
     * {@link IrcMessageLayer#CAPABILITIES}.
     */
    private static final Map<String, String> OFFERED = offered();

    /**
     * The settings of the moment: a reload of {@code parley.conf} replaces them ({@link IrcModule#reload},
     * the live keys only), and every connection reads them here, so a new MOTD reaches the next client.
     */
    volatile IrcSettings settings;
    final ChatService chat;
    final RegisteredNames names;
    /** The server's one presence: IRC nicks are entered there, unique across every protocol. */
    final Presence presence;
    /** The server's accounts (SASL), login throttles and private messages, shared with the account protocol. */
    final SharedAccounts accounts;
    /** Where topics and channel modes are kept across restarts. */
    private final RoomStore roomStore;
    /** How the other nodes of a cluster hear of a change of a channel's modes (nobody on a single node). */
    private final RoomModeLink modeLink;
    /** The rooms whose stored modes this node has read (all at start, then each room it opens later). */
    private final Set<Integer> modesRead = ConcurrentHashMap.newKeySet();
    /** The reads of rooms' stored modes under way ({@link #readModes}). */
    private final Map<Integer, java.util.concurrent.CompletableFuture<Void>> modeReads = new ConcurrentHashMap<>();
    /** How many times a read of stored modes or topics overtaken by a change is done again. */
    private static final int READS_AGAIN = 4;
    /** Grows with every topic set here (when storing begins and ends) or heard: see {@link #readTopicsAgain}. */
    private final java.util.concurrent.atomic.AtomicLong topicChanges = new java.util.concurrent.atomic.AtomicLong();
    /** Topics set here whose storing has not ended (guarded by {@link #topicChanges}). */
    private int topicsStoring;
    final IrcReplies replies;
    final IrcCapabilities capabilities;
    final Instant created = Instant.now();
    /** The most IRC users LUSERS has seen at once on this run (265/266). */
    final java.util.concurrent.atomic.AtomicInteger mostUsers = new java.util.concurrent.atomic.AtomicInteger();
    /** The most users seen online at once by LUSERS here: of the whole cluster, on a cluster node. */
    final java.util.concurrent.atomic.AtomicInteger mostGlobalUsers = new java.util.concurrent.atomic.AtomicInteger();
    private final IrcIsupport isupport;
    /** The 005 lines as split for a nick of each length in bytes: split once, not at every registration. */
    private final Map<Integer, List<IrcMessage>> isupportByNickBytes = new ConcurrentHashMap<>();
    /** Registered (or registering) IRC users by their name's key. */
    private final Map<String, IrcSession> users = new ConcurrentHashMap<>();
    /** The names in {@link #users} held by registered users: {@link #registeredUserCount}. */
    private final java.util.concurrent.atomic.AtomicInteger registeredNames = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<Long, IrcSession> byMember = new ConcurrentHashMap<>();
    private final Map<Integer, Topic> topics = new ConcurrentHashMap<>();
    /** Each channel's modes, bans and statuses (memory only), by room ref. */
    private final Map<Integer, IrcChannelState> channels = new ConcurrentHashMap<>();
    /** Members being kicked ("node/id:roomRef"): their leave shows as this KICK. */
    private final Map<String, Kick> kicks = new ConcurrentHashMap<>();
    /** When each channel was first seen by IRC on this run (329). */
    private final Map<Integer, Instant> firstSeen = new ConcurrentHashMap<>();
    /** Members whose session ended, with their source then and why: their leaves show as one QUIT. */
    private final Map<Long, Quit> quits = new ConcurrentHashMap<>();
    /** The message layer and history (message-tags, msgid, MONITOR, CHATHISTORY from {@link #replay}). */
    final IrcClientTags clientTags = new IrcClientTags();
    final IrcMsgIds msgids = new IrcMsgIds();
    final IrcMonitor monitor = new IrcMonitor(this);
    /** The channels' draft/metadata-3 keys (memory only; {@link IrcMetadata}). */
    final IrcMetadataChannels metadata = new IrcMetadataChannels(this);
    final IrcReadMarkers readMarkers = new IrcReadMarkers(this);
    /** The store's messages by room, for CHATHISTORY; null when the store cannot read them back. */
    volatile io.parley.core.room.RoomReplay replay;
    /** Private-message history (CHATHISTORY of a nick, TARGETS), or null before {@link #history}. */
    volatile io.parley.core.account.HistoryStore privateHistory;

    IrcServer(IrcSettings settings, ChatService chat, RegisteredNames names, RoomStore roomStore, Presence presence,
            SharedAccounts accounts) {
        this(settings, chat, names, roomStore, RoomModeLink.NONE, presence, accounts);
    }

    IrcServer(IrcSettings settings, ChatService chat, RegisteredNames names, RoomStore roomStore, RoomModeLink modeLink,
            Presence presence, SharedAccounts accounts) {
        this.settings = settings;
        this.modeLink = modeLink;
        this.chat = chat;
        this.names = names;
        this.roomStore = roomStore;
        this.presence = presence;
        this.accounts = accounts;
        for (RoomTopic stored : roomStore.loadTopics()) {
            topics.put(stored.roomRef(), new Topic(stored.text(), stored.setBy(), stored.setAt()));
        }
        for (Room room : chat.rooms().all()) {
            modesRead.add(room.ref()); // read just below: a room without a row has no stored modes
        }
        Instant now = Instant.now();
        for (RoomModes stored : roomStore.loadModes()) {
            IrcChannelState state = IrcChannelState.serverHeld(firstSeen.computeIfAbsent(stored.roomRef(), r -> now));
            state.restore(stored);
            channels.put(stored.roomRef(), state);
            modesRead.add(stored.roomRef());
        }
        modeLink.listen(new RoomModeLink.Listener() {
            @Override
            public void changed(RoomModeLink.Notice notice) {
                heard(notice);
            }

            @Override
            public void topicChanged(RoomModeLink.TopicNotice notice) {
                heard(notice);
            }

            @Override
            public void reconnected() {
                readModesAgain();
                readTopicsAgain();
            }
        });
        this.replies = new IrcReplies(settings.serverName());
        this.capabilities = new IrcCapabilities(OFFERED);
        this.isupport = new IrcIsupport()
                .add("AWAYLEN", Integer.toString(IrcIsupport.TEXT_LENGTH))
                .add("CASEMAPPING", IrcCasemapping.NAME)
                .add("CHANLIMIT", IrcChannels.CHANTYPES + ":")
                .add("CHANMODES", String.join(",", IrcChannelModes.MODES.list(), IrcChannelModes.MODES.alwaysArgument(),
                        IrcChannelModes.MODES.argumentToSet(), IrcChannelModes.MODES.noArgument()))
                .add("CHANNELLEN", Integer.toString(IrcChannels.CHANNELLEN))
                .add("CHANTYPES", IrcChannels.CHANTYPES)
                .add("KICKLEN", Integer.toString(IrcIsupport.TEXT_LENGTH))
                .add("MAXLIST", "b:" + IrcChannelState.MAX_BANS)
                .add("MODES", Integer.toString(IrcChannelModes.MODES.maxArguments()))
                .add("NETWORK", settings.network())
                .add("NICKLEN", Integer.toString(IrcNicks.NICKLEN))
                .add("PREFIX", "(" + IrcChannelModes.MODES.prefix() + ")@+")
                .add("TARGMAX", "ISON:,JOIN:,KICK:" + IrcChannelCommands.KICK_TARGETS
                        + ",NAMES:" + IrcQueries.NAMES_TARGETS + ",NOTICE:4,PART:,PRIVMSG:4,USERHOST:5,WHOIS:1")
                .add("TOPICLEN", Integer.toString(IrcIsupport.TEXT_LENGTH))
                .add("USERLEN", Integer.toString(IrcIsupport.USERLEN));
        IrcMessageLayer.isupport(isupport);
        IrcFeatureTokens.add(isupport);
        IrcUtf8Only.isupport(isupport);
    }

    private static Map<String, String> offered() {
        Map<String, String> caps = new java.util.LinkedHashMap<>();
        for (String cap : new String[] {IrcCapabilities.AWAY_NOTIFY, IrcCapabilities.CAP_NOTIFY,
            IrcCapabilities.ECHO_MESSAGE, IrcCapabilities.EXTENDED_JOIN, IrcCapabilities.MULTI_PREFIX, IrcCapabilities.SERVER_TIME, IrcCapabilities.USERHOST_IN_NAMES}) {
            caps.put(cap, "");
        }
        for (String cap : IrcMessageLayer.CAPABILITIES) {
            caps.put(cap, "");
        }
        IrcIdentity.offer(caps);
        IrcMetadata.offer(caps);
        IrcReadMarkers.offer(caps);
        IrcMultiline.offer(caps);
        IrcMonitor.offer(caps);
        return caps;
    }

    /** Serves CHATHISTORY from {@code store} and MONITOR over {@code presence} as well as IRC users. */
    void history(io.parley.core.Store store, io.parley.core.account.Presence presence) {
        try {
            replay = store.replay();
        } catch (UnsupportedOperationException e) {
            replay = null;
        }
        privateHistory = store.history();
        monitor.presence(presence);
    }

    List<IrcMessage> isupportLines(String nick) {
        // Where the tokens are split into lines depends only on the nick's length in bytes.
        List<IrcMessage> split = isupportByNickBytes.computeIfAbsent(IrcLimits.utf8Length(nick),
                bytes -> isupport.lines(settings.serverName(), nick));
        List<IrcMessage> lines = new java.util.ArrayList<>(split.size());
        for (IrcMessage line : split) {
            List<String> params = new java.util.ArrayList<>(line.params());
            params.set(0, nick);
            lines.add(new IrcMessage(line.tags(), line.source(), line.command(), params));
        }
        return lines;
    }

    /** Takes {@code name} for {@code session}, unless another IRC user has it. */
    boolean take(String name, IrcSession session) {
        IrcSession before = users.putIfAbsent(io.parley.core.text.NameKeys.key(name), session);
        if (before == null && session.isRegistered()) {
            registeredNames.incrementAndGet();
        }
        return before == null || before == session;
    }

    void release(String name, IrcSession session) {
        if (users.remove(io.parley.core.text.NameKeys.key(name), session) && session.isRegistered()) {
            registeredNames.decrementAndGet();
        }
    }

    /**
     * How many registered users there are (LUSERS), as {@code registeredUsers().size()} counts
     * them, without walking them all: every registration did, which made a storm of N
     * connections cost N squared.
     */
    int registeredUserCount() {
        return registeredNames.get();
    }

    /**
     * How many of this server's connections hold a nick but have not registered (LUSERS leaves
     * them out of the users it counts, as every server does; the presence counts their nicks).
     */
    int unregisteredNickCount() {
        return Math.max(0, users.size() - registeredNames.get());
    }

    /**
     * The IRC user who bears {@code name} now. A name taken for a claim still pending (a cluster's
     * directory has not answered yet) is held against other claimants but reaches nobody: its
     * session still bears its old name until the claim succeeds.
     */
    Optional<IrcSession> user(String name) {
        String key = io.parley.core.text.NameKeys.key(name);
        return Optional.ofNullable(users.get(key)).filter(session -> bears(session, key));
    }

    /** The registered IRC users (for LUSERS, ISON and the like), each once, under the name it bears. */
    List<IrcSession> registeredUsers() {
        return users.entrySet().stream()
                .filter(entry -> entry.getValue().isRegistered() && bears(entry.getValue(), entry.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    private static boolean bears(IrcSession session, String key) {
        return session.name() != null && io.parley.core.text.NameKeys.key(session.name()).equals(key);
    }

    /** {@code session} has just registered (it holds its name, or none when {@code identity.settle} refused it). */
    void joinedAsMember(IrcSession session) {
        byMember.put(session.member().id(), session);
        if (session.name() != null && users.get(io.parley.core.text.NameKeys.key(session.name())) == session) {
            registeredNames.incrementAndGet();
        }
    }

    void gone(IrcSession session) {
        byMember.remove(session.member().id(), session);
    }

    /** The IRC session behind a room member, if it is one of this node's IRC connections. */
    Optional<IrcSession> session(MemberRef member) {
        if (!member.node().equals(chat.node())) {
            return Optional.empty();
        }
        return Optional.ofNullable(byMember.get(member.id()));
    }

    /** The registered IRC users in {@code room}. */
    List<IrcSession> ircMembers(Room room) {
        List<IrcSession> found = new java.util.ArrayList<>();
        for (MemberRef member : room.roster()) {
            session(member).filter(IrcSession::isRegistered).ifPresent(found::add);
        }
        return found;
    }

    /** Redacts a stored message of {@code room} (IRC's REDACT); completes once durable, with whether there was one. */
    CompletionStage<Boolean> redact(Room room, long sequence, String by) {
        return roomStore.redact(room.ref(), sequence, by, Instant.now());
    }

    Optional<Topic> topic(Room room) {
        return Optional.ofNullable(topics.get(room.ref()));
    }

    /**
     * Sets (an empty text clears) a room's topic: at once for this server's readers, and in the
     * store, whose stage completes once it is durable (or fails: the topic then lasts until a
     * restart only, on this node only); once stored, the other nodes are told, {@code source}
     * ({@code nick!user@host}) being the {@code TOPIC} line's source there.
     */
    CompletionStage<Void> setTopic(Room room, Topic topic, String source) {
        CompletionStage<Void> stored;
        synchronized (topicChanges) {
            topicsStoring++;
            topicChanges.incrementAndGet();
            if (topic.text().isEmpty()) {
                topics.remove(room.ref());
            } else {
                topics.put(room.ref(), topic);
            }
        }
        if (topic.text().isEmpty()) {
            stored = roomStore.clearTopic(room.ref());
        } else {
            stored = roomStore.setTopic(new RoomTopic(room.ref(), topic.text(), topic.setBy(), topic.setAt()));
        }
        return stored.whenComplete((done, failure) -> {
            synchronized (topicChanges) {
                topicsStoring--;
                topicChanges.incrementAndGet();
            }
        }).thenRun(() -> modeLink.topicChanged(
                new RoomModeLink.TopicNotice(room.ref(), topic.text(), source, topic.setBy(), topic.setAt())));
    }

    /**
     * Another node stored a room's topic: this node answers it from now on (for a room it has not
     * opened yet too) and its IRC members of the room see the {@code TOPIC} line.
     */
    private void heard(RoomModeLink.TopicNotice notice) {
        synchronized (topicChanges) {
            topicChanges.incrementAndGet();
            if (notice.text().isEmpty()) {
                topics.remove(notice.roomRef());
            } else {
                topics.put(notice.roomRef(), new Topic(notice.text(), notice.setBy(), notice.at()));
            }
        }
        Optional<Room> known = chat.rooms().byRef(notice.roomRef());
        if (known.isEmpty()) {
            return;
        }
        IrcDirect line = new IrcDirect(IrcMessage.from(notice.source(), "TOPIC",
                IrcChannels.toChannel(known.get().name()), notice.text()), Instant.now());
        for (IrcSession member : ircMembers(known.get())) {
            member.member().push(line);
        }
    }

    /**
     * The link to the other nodes was cut and is back: topics set meanwhile on other nodes are read
     * from the store again (off the link's thread: the read blocks), without a {@code TOPIC} line.
     */
    private void readTopicsAgain() {
        readTopicsAgain(0).exceptionally(failure -> {
            log.warn("Could not read the topics again: {}", failure.toString());
            return null;
        });
    }

    /**
     * One read of every topic, taken only if no topic was set here or heard while it was under
     * way (it could be older than that one): else it reads again, a few times at most.
     */
    private CompletionStage<Void> readTopicsAgain(int attempt) {
        long mark;
        synchronized (topicChanges) {
            mark = topicsStoring > 0 ? -1 : topicChanges.get();
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(roomStore::loadTopics).thenCompose(stored -> {
            Map<Integer, Topic> now = new java.util.HashMap<>();
            for (RoomTopic topic : stored) {
                now.put(topic.roomRef(), new Topic(topic.text(), topic.setBy(), topic.setAt()));
            }
            synchronized (topicChanges) {
                if (topicChanges.get() == mark) {
                    topics.keySet().retainAll(now.keySet());
                    topics.putAll(now);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }
            }
            return attempt >= READS_AGAIN ? java.util.concurrent.CompletableFuture.completedFuture(null)
                    : readTopicsAgain(attempt + 1);
        });
    }

    Instant firstSeen(Room room) {
        return channel(room).created();
    }

    /** The channel's IRC state: a room no IRC user founded is server-held ({@code +n}, no operator). */
    IrcChannelState channel(Room room) {
        return channels.computeIfAbsent(room.ref(), ref -> IrcChannelState.serverHeld(
                firstSeen.computeIfAbsent(ref, r -> Instant.now())));
    }

    /** The channel's IRC state if IRC has seen the room on this run (without making one). */
    Optional<IrcChannelState> knownChannel(Room room) {
        return Optional.ofNullable(channels.get(room.ref()));
    }

    /**
     * An IRC user joins an empty room: the channel starts afresh, with {@code founder} as its
     * operator; a kept channel keeps its modes and lists.
     */
    void found(Room room, MemberRef founder) {
        IrcChannelState kept = channels.get(room.ref());
        if (kept != null && kept.kept()) {
            kept.refound(founder);
            return;
        }
        Instant now = Instant.now();
        firstSeen.put(room.ref(), now);
        channels.put(room.ref(), IrcChannelState.founded(founder, now));
    }

    /** Whether this node has read the room's stored modes (at start, or since it opened the room). */
    boolean modesRead(Room room) {
        return modesRead.contains(room.ref());
    }

    /**
     * Reads the room's stored modes into its channel, once per room and run: before this node's
     * first JOIN or MODE of a room it did not know at start (another node made it). Completes on
     * the store's thread; fails when the store cannot be read.
     */
    CompletionStage<Void> readModes(Room room) {
        if (modesRead(room)) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        // One read per room in flight: a second JOIN waits for the first's read, not for a read of its own.
        java.util.concurrent.CompletableFuture<Void> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> running = modeReads.putIfAbsent(room.ref(), mine);
        if (running != null) {
            return running;
        }
        restoreModes(room.ref(), channel(room), 0).whenComplete((read, failure) -> {
            if (failure == null) {
                modesRead.add(room.ref());
            }
            modeReads.remove(room.ref(), mine);
            if (failure == null) {
                mine.complete(null);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    /**
     * Reads a room's stored modes into its channel, unless a change was made here or heard while
     * the read was under way (it may be older than that change): then it reads again, a few times
     * at most (the store's row holds every change once it is stored).
     */
    private CompletionStage<Void> restoreModes(int ref, IrcChannelState state, int attempt) {
        long mark = state.changeMark();
        return roomStore.loadModes(ref).thenCompose(stored -> {
            if (stored.isEmpty() || state.restoreIfUnchangedSince(mark, stored.get()) || attempt >= READS_AGAIN) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            return restoreModes(ref, state, attempt + 1);
        });
    }

    /**
     * Stores the kept part ({@link IrcStoredModes#kept}) of a MODE change just applied to the
     * room's channel, then tells the other nodes; completes once it is durable.
     */
    CompletionStage<Void> storeModes(Room room, List<String> kept, String setBy, Instant at) {
        IrcChannelState channel = channel(room);
        boolean first = !channel.kept();
        IrcChannelState.Settings now = channel.keep();
        channel.storing(true);
        return roomStore.changeModes(IrcStoredModes.change(room.ref(), now, first, kept, setBy, at))
                .whenComplete((stored, failure) -> channel.storing(false))
                .thenRun(() -> modeLink.changed(IrcStoredModes.notice(room.ref(), now, kept, setBy, at)));
    }

    /**
     * Another node stored a change of a room's modes: this node's copy of the channel takes it and
     * its IRC members see the {@code MODE} line. A room this node has not opened is read from the
     * store when it is.
     */
    private void heard(RoomModeLink.Notice notice) {
        Optional<Room> known = chat.rooms().byRef(notice.roomRef());
        if (known.isEmpty()) {
            return;
        }
        Room room = known.get();
        String shown = IrcChannels.toChannel(room.name());
        IrcChannelState channel = channel(room);
        IrcStoredModes.apply(channel, shown, notice);
        channel.changed();
        List<String> params = new java.util.ArrayList<>();
        params.add(shown);
        params.addAll(notice.shown());
        IrcDirect line = new IrcDirect(new IrcMessage(Map.of(), notice.setBy(), "MODE", params), Instant.now());
        for (IrcSession member : ircMembers(room)) {
            member.member().push(line);
        }
    }

    /**
     * The link to the other nodes was cut and is back: their changes of that time may not have
     * reached this node, so every channel it holds takes its stored modes again (without a
     * {@code MODE} line: what changed meanwhile is not known here).
     */
    private void readModesAgain() {
        for (Map.Entry<Integer, IrcChannelState> held : channels.entrySet()) {
            if (modesRead.contains(held.getKey())) {
                restoreModes(held.getKey(), held.getValue(), 0).exceptionally(failure -> {
                            log.warn("Could not read the modes of room {} again: {}", held.getKey(), failure.toString());
                            return null;
                        });
            }
        }
    }

    /** A KICK: who did it, the kicked member's nick then, and why. */
    record Kick(String source, String nick, String reason) {}

    void kicking(MemberRef member, int roomRef, Kick kick) {
        kicks.put(IrcChannelState.memberKey(member) + ":" + roomRef, kick);
    }

    /** The KICK a member's leave of a room stands for, if it was kicked; it is used once. */
    Optional<Kick> kickOf(MemberRef member, int roomRef) {
        return Optional.ofNullable(kicks.get(IrcChannelState.memberKey(member) + ":" + roomRef));
    }

    void forgetKick(MemberRef member, int roomRef) {
        kicks.remove(IrcChannelState.memberKey(member) + ":" + roomRef);
    }

    /** Forgets this very KICK (not a later one of the same member), once every member has seen it. */
    void forgetKick(MemberRef member, int roomRef, Kick kick) {
        kicks.remove(IrcChannelState.memberKey(member) + ":" + roomRef, kick);
    }

    /** Why members parted a room ("memberId:roomRef"), for the PART their leave shows as. */
    private final Map<String, String> partReasons = new ConcurrentHashMap<>();

    void parting(long memberId, int roomRef, String reason) {
        partReasons.put(memberId + ":" + roomRef, reason);
    }

    Optional<String> partReason(long memberId, int roomRef) {
        return Optional.ofNullable(partReasons.get(memberId + ":" + roomRef));
    }

    void forgetPart(long memberId, int roomRef) {
        partReasons.remove(memberId + ":" + roomRef);
    }

    /** A user who has left (WHOWAS): nick, user, host, real name, when. */
    record Former(String nick, String user, String host, String realName, Instant at) {}

    /** The most users WHOWAS remembers, newest first. */
    static final int WHOWAS_KEPT = 256;
    private final java.util.Deque<Former> formers = new java.util.ArrayDeque<>();

    /** Remembers a registered user who leaves, for WHOWAS. */
    void left(IrcSession session) {
        left(former(session));
    }

    /** What WHOWAS will say of {@code session} as it is now. */
    Former former(IrcSession session) {
        return new Former(session.nick(), session.user(), session.host(), session.realName(), Instant.now());
    }

    /** Remembers a user as it was before a change of nick, for WHOWAS. */
    void left(Former former) {
        synchronized (formers) {
            formers.addFirst(former);
            if (formers.size() > WHOWAS_KEPT) {
                formers.removeLast();
            }
        }
    }

    /** The users who left under {@code nick}, newest first. */
    List<Former> formers(String nick) {
        synchronized (formers) {
            boolean mask = nick.indexOf('*') >= 0 || nick.indexOf('?') >= 0;
            return formers.stream().filter(former -> mask ? IrcMasks.matches(nick, former.nick())
                    : IrcCasemapping.same(former.nick(), nick)).toList();
        }
    }

    /** An IRC user's session ended: its source then and its reason. */
    record Quit(String source, String reason) {}

    void quitting(long memberId, Quit quit) {
        quits.put(memberId, quit);
    }

    /** How a member whose session ended left, or empty for a plain leave. */
    Optional<Quit> quitOf(long memberId) {
        return Optional.ofNullable(quits.get(memberId));
    }

    void forgetQuit(long memberId) {
        quits.remove(memberId);
    }

    /** Every room's {@code nick}s, as room membership shows them (IRC users by their current nick). */
    String nickOf(MemberRef member) {
        return session(member).map(IrcSession::nick).orElseGet(() -> IrcNicks.toNick(member.name()));
    }

    /** The source of a room member: an IRC user's own, another protocol's user's {@code nick!parley@parley.parley}. */
    String sourceOf(MemberRef member) {
        return session(member).map(IrcSession::source).orElseGet(() -> otherSource(member.name()));
    }

    /** The source of a message's author, by name. */
    String sourceOfAuthor(String author) {
        return user(author).filter(IrcSession::isRegistered).map(IrcSession::source).orElseGet(() -> otherSource(author));
    }

    /**
     * The account of the user called {@code name} (account-tag, extended-join): an IRC user's
     * SASL login; for another protocol's user, the name itself when it is registered (only its
     * owner, logged in with its password, can use a registered name); else null.
     */
    String accountOf(String name) {
        Optional<IrcSession> irc = user(name).filter(IrcSession::isRegistered);
        if (irc.isPresent()) {
            return irc.get().account();
        }
        return names.isRegistered(name) ? name : null;
    }

    /** {@link #accountOf} a room member. */
    String accountOf(MemberRef member) {
        Optional<IrcSession> irc = session(member);
        return irc.isPresent() ? irc.get().account() : accountOf(member.name());
    }

    static String otherSource(String name) {
        return IrcSources.otherProtocol(name, "parley");
    }
}
