package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who is reachable by name, whatever protocol they use: one {@link Recipient} per name
 * ({@link NameKeys#key folded}), through which other users reach it. Two ways in:
 * <ul>
 *   <li>{@link #enter}: the owner of a registered name, logged in with its password; a new login
 *       of the name replaces the one before, which is told ({@link Recipient#replaced});</li>
 *   <li>{@link #enterUnowned}: a name no account owns (an IRC nick, say); refused while the name
 *       is taken or looks like a registered one, and ended when the name (or a look-alike) is
 *       registered: the recipient leaves and is told ({@link Recipient#nameRegistered}).</li>
 * </ul>
 *
 * <p>In a cluster, a {@link PresenceDirectory} (shared by every node) holds each name for one node
 * and a {@link PresenceLink} carries what nodes tell each other: a name entered here is claimed
 * there too, and refused if another node holds it; an owner's login replaces (and ends) its login
 * on another node; {@link #reachable}, {@link #onlineName}, {@link #onlineNames} and
 * {@link #namesExcept} are the cluster's; a name registered on another node evicts its unowned
 * holders here too.
 *
 * <p>Thread-safe; recipients are told without a lock held. On a single node no method blocks and
 * every look-up's stage is complete when it is returned. In a cluster, entering a name is a round
 * trip to the directory's database on the caller's thread (leaving is not), except with
 * {@link #enterUnownedAsync}, which makes it on the directory's thread; a look-up of a name
 * not held here returns at once, its stage completing on the directory's own thread once the
 * database has answered (callers continue on their own thread). Look-ups never fail: a directory
 * that cannot be read now counts as nobody online elsewhere.
 */
public final class Presence {

    private final RegisteredNames names;
    private final Map<String, Recipient> online = new ConcurrentHashMap<>();
    /** The claims of the recipients that entered under names nobody owns. */
    private final Map<Recipient, NameClaim> claims = new ConcurrentHashMap<>();
    /** The cluster's names, or null on a single node. */
    private final PresenceDirectory directory;
    private final PresenceLink link;
    /** Each recipient's hold in the directory (cluster only). */
    private final Map<Recipient, Long> tokens = new ConcurrentHashMap<>();
    private final AtomicLong nextToken = new AtomicLong();

    /**
     * The node each name on another node was last told online from, by folded name: an offline
     * notice from any other node is stale (NATS does not order two publishers' notices, so a
     * user who moved from that node to another may be heard of online there first). An entry
     * goes with its offline notice; a dead node's stay until their names are told online again.
     */
    private final Map<String, String> onlineAt = new ConcurrentHashMap<>();

    /** Who hears of names coming and going on other nodes ({@link #watchOtherNodes}). */
    private final List<java.util.function.BiConsumer<String, Boolean>> comingAndGoing =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A single node's presence. */
    public Presence(RegisteredNames names) {
        this(names, null, null);
    }

    /**
     * A cluster node's presence: names are held across the cluster in {@code directory}, and
     * {@code link} carries private messages, replaced logins and registrations between nodes.
     * Both null on a single node.
     */
    public Presence(RegisteredNames names, PresenceDirectory directory, PresenceLink link) {
        if ((directory == null) != (link == null)) {
            throw new IllegalArgumentException("a cluster's presence needs both its directory and its link");
        }
        this.names = names;
        this.directory = directory;
        this.link = link;
        if (link != null) {
            names.onRegistered(link::registered);
            names.heldElsewhere(name -> !registeredElsewhere(name) && elsewhere(name).isPresent());
            names.sharedNames(this::share);
            link.listen(new FromOtherNodes());
        }
    }

    /** Makes {@code recipient}, its name's owner, its name's presence; the one it replaces, if any, is told. */
    public void enter(Recipient recipient) {
        Recipient before = online.put(NameKeys.key(recipient.name()), recipient);
        if (before != null && before != recipient) {
            forgetClaim(before);
            tokens.remove(before);
            before.replaced();
        }
        if (directory != null) {
            long token = nextToken.incrementAndGet();
            tokens.put(recipient, token);
            try {
                directory.take(recipient.name(), token, recipient.publicKey().isPresent())
                        .filter(holder -> holder.life() != directory.life() && !holder.node().equals(directory.node()))
                        .ifPresent(holder -> link.replaced(holder.node(), holder.name(), holder.token()));
                link.presence(recipient.name(), true);
            } catch (RuntimeException e) {
                // The directory is away (the store says so in its log): reachable on this node only.
            }
        }
    }

    /**
     * Makes {@code recipient} the presence of a name no account owns, unless the name is, or
     * looks like, a registered name, or someone is present under it, or a line or TCD user chats
     * under it ({@link RegisteredNames#claimExclusively}): then false, and nothing is recorded.
     */
    public boolean enterUnowned(Recipient recipient) {
        String key = NameKeys.key(recipient.name());
        if (directory != null && registeredElsewhere(recipient.name())) {
            return false;
        }
        if (!enterHere(key, recipient)) {
            return false;
        }
        if (directory != null && !claimInCluster(recipient)) {
            online.remove(key, recipient);
            forgetClaim(recipient);
            return false;
        }
        return true;
    }

    /** How an entry off the caller's thread ended ({@link #enterUnownedAsync}). */
    public enum Entry {
        /** The recipient is its name's presence. */
        ENTERED,
        /** The name is held, or registered, here or on another node. */
        REFUSED,
        /** The cluster's directory could not answer now (away, or too many waiting): try again. */
        UNAVAILABLE
    }

    /**
     * {@link #enterUnowned}, with the cluster's part off the caller's thread: the name is claimed
     * on this node at once ({@link RegisteredNames#claimExclusively}, so this node refuses it to
     * others meanwhile) but the recipient is not reachable ({@link #find}) until the directory's
     * look-up for a registration elsewhere and its claim, on the directory's own thread
     * ({@link PresenceDirectory#entries}), say the name is free: a message to the name meanwhile
     * goes to whoever holds it on another node, not to this claimant. The stage completes there;
     * nothing is recorded unless {@link Entry#ENTERED}. A caller that gives up meanwhile (its
     * connection ended) must {@link #leave} the recipient once the stage is complete. On a single
     * node the stage is complete when returned, with no thread hop.
     */
    public CompletionStage<Entry> enterUnownedAsync(Recipient recipient) {
        if (directory == null) {
            return CompletableFuture.completedFuture(enterUnowned(recipient) ? Entry.ENTERED : Entry.REFUSED);
        }
        String key = NameKeys.key(recipient.name());
        Optional<NameClaim> claim = names.claimExclusively(recipient.name(), registered -> evicted(key, recipient, registered));
        if (claim.isEmpty()) {
            return CompletableFuture.completedFuture(Entry.REFUSED);
        }
        claims.put(recipient, claim.get());
        if (online.containsKey(key)) {
            forgetClaim(recipient);
            return CompletableFuture.completedFuture(Entry.REFUSED);
        }
        CompletableFuture<Entry> asked;
        try {
            asked = CompletableFuture.supplyAsync(() -> registeredInDirectory(recipient.name())
                    || !claimInDirectory(recipient) ? Entry.REFUSED : Entry.ENTERED, directory.entries());
        } catch (RejectedExecutionException e) {
            asked = CompletableFuture.completedFuture(Entry.UNAVAILABLE); // too many waiting
        }
        return asked.exceptionally(away -> Entry.UNAVAILABLE).thenApply(entry -> {
            // Reachable only now, unless registered (or entered by its owner) meanwhile.
            if (entry == Entry.ENTERED && online.putIfAbsent(key, recipient) == null) {
                if (!claim.get().revoked()) {
                    return entry;
                }
                online.remove(key, recipient);
            }
            forgetClaim(recipient);
            releaseInCluster(recipient);
            return entry == Entry.UNAVAILABLE ? entry : Entry.REFUSED;
        });
    }

    /** The part of {@link #enterUnowned} on this node: claims the name here and makes the recipient its presence. */
    private boolean enterHere(String key, Recipient recipient) {
        Optional<NameClaim> claim = names.claimExclusively(recipient.name(), registered -> evicted(key, recipient, registered));
        if (claim.isEmpty()) {
            return false;
        }
        claims.put(recipient, claim.get());
        if (online.putIfAbsent(key, recipient) != null) {
            forgetClaim(recipient);
            return false;
        }
        if (claim.get().revoked()) {
            // Registered between the claim and the entry (the recipient is told if it was in already).
            online.remove(key, recipient);
            return false;
        }
        return true;
    }

    /** Holds an unowned name in the cluster's directory; false if another node holds it (or the directory is away). */
    private boolean claimInCluster(Recipient recipient) {
        try {
            return claimInDirectory(recipient);
        } catch (RuntimeException e) {
            return false; // the directory is away: no name can be known free across the cluster
        }
    }

    /** {@link #claimInCluster}, throwing when the directory is away. */
    private boolean claimInDirectory(Recipient recipient) {
        long token = nextToken.incrementAndGet();
        tokens.put(recipient, token);
        boolean taken = false;
        try {
            taken = directory.claim(recipient.name(), token, recipient.guest());
        } finally {
            if (!taken) {
                tokens.remove(recipient, token);
            }
        }
        if (taken) {
            link.presence(recipient.name(), true);
        }
        return taken;
    }

    /**
     * Holds a line or TCD user's name across the cluster ({@link RegisteredNames#claim}): refused
     * if another node registered it or holds it as one user's (an IRC nick, a login). While the
     * directory is away the name is held on this node only (no join can be stored meanwhile).
     */
    private Optional<Runnable> share(String name) {
        if (registeredElsewhere(name)) {
            return Optional.empty();
        }
        long token = nextToken.incrementAndGet();
        try {
            return directory.share(name, token) ? Optional.of(() -> directory.unshare(name, token)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(() -> { });
        }
    }

    /**
     * How many users are online: this node's on a single node (complete when returned); in a
     * cluster, the names held on every node (this node's alone while the directory is away),
     * completing on the directory's thread once the database has answered.
     */
    public CompletionStage<Integer> onlineCount() {
        if (directory == null) {
            return CompletableFuture.completedFuture(online.size());
        }
        return directory.count().exceptionally(away -> online.size());
    }

    /** Removes {@code recipient} if it is still its name's presence (a replaced one is not). */
    public void leave(Recipient recipient) {
        online.remove(NameKeys.key(recipient.name()), recipient);
        forgetClaim(recipient);
        releaseInCluster(recipient);
    }

    private void releaseInCluster(Recipient recipient) {
        Long token = tokens.remove(recipient);
        if (token != null) {
            String name = recipient.name();
            // Told once the directory has let the name go: a node that hears it and asks the
            // directory (MONITOR S) reads the same.
            directory.release(name, token, () -> link.presence(name, false));
        }
    }

    /** How many names are online now, whatever protocol holds each; for metrics. */
    public int size() {
        return online.size();
    }

    /** The presence of {@code name}, if it is logged in. */
    public Optional<Recipient> find(String name) {
        return Optional.ofNullable(online.get(NameKeys.key(name)));
    }

    /**
     * The name {@code name} is online under (as it logged in), on this node or, in a cluster, on
     * any node: whether a private message to it can be sent now.
     */
    public CompletionStage<Optional<String>> onlineName(String name) {
        return reachable(name).thenApply(found -> found.map(Recipient::name));
    }

    /**
     * Those of {@code names} online, on this node or, in a cluster, on any node: each folded name
     * ({@link NameKeys#key}) to the name it is online under. One look-up for them all.
     */
    public CompletionStage<Map<String, String>> onlineNames(Collection<String> names) {
        Map<String, String> found = new HashMap<>();
        List<String> notHere = new ArrayList<>();
        for (String name : names) {
            Optional<Recipient> here = find(name);
            if (here.isPresent()) {
                found.put(NameKeys.key(name), here.get().name());
            } else {
                notHere.add(name);
            }
        }
        if (notHere.isEmpty() || directory == null) {
            return CompletableFuture.completedFuture(found);
        }
        return elsewhere(notHere).thenApply(holders -> {
            holders.forEach((key, holder) -> found.putIfAbsent(key, holder.name()));
            return found;
        });
    }

    /**
     * The recipient of private messages to {@code name}: this node's, or, in a cluster, one that
     * stands for a user another node holds (its key is its account's, if it reads encrypted
     * messages; its guest token is the one its node knows it by; what is delivered to it goes to
     * that node).
     */
    public CompletionStage<Optional<Recipient>> reachable(String name) {
        Optional<Recipient> here = find(name);
        if (here.isPresent() || directory == null) {
            return CompletableFuture.completedFuture(here);
        }
        return elsewhere(List.of(name)).thenApply(holders ->
                Optional.ofNullable(holders.get(NameKeys.key(name))).map(OnAnotherNode::new));
    }

    /** A user another node holds, as a recipient here. */
    private final class OnAnotherNode implements Recipient {
        private final PresenceDirectory.Holder holder;

        OnAnotherNode(PresenceDirectory.Holder holder) {
            this.holder = holder;
        }

        @Override
        public String name() {
            return holder.name();
        }

        @Override
        public Optional<String> publicKey() {
            return holder.publicKey();
        }

        @Override
        public String guest() {
            return holder.guest();
        }

        @Override
        public void deliver(PrivateMessage message) {
            link.privateMessage(holder.node(), message);
        }

        @Override
        public void replaced() {
            // Its own node ends it.
        }

        @Override
        public void nameRegistered(String registeredName) {
            // Its own node evicts it.
        }
    }

    /**
     * Hands a stored private message to its recipient, {@code resolved} by {@link #reachable}
     * before it was stored: this node's recipient of its name and party if there is one now,
     * else, if {@code resolved} stands for a user of another node, through the link to that node
     * (which hands it to its recipient of that name and party). False if neither: it reads the
     * message in its history. Never blocks: no look-up (it may run on the store's writing thread).
     */
    public boolean deliver(PrivateMessage message, Recipient resolved) {
        Optional<Recipient> here = recipientOf(message);
        if (here.isPresent()) {
            here.get().deliver(message);
            return true;
        }
        if (resolved instanceof OnAnotherNode there) {
            there.deliver(message);
            return true;
        }
        return false;
    }

    /**
     * Whether another node registered {@code name} and this one has not heard yet: then it is
     * recorded here now ({@link RegisteredNames#addFromCluster}), so the name is refused as a
     * registered one, whatever node registered it and however late its notice comes.
     */
    private boolean registeredElsewhere(String name) {
        try {
            return registeredInDirectory(name);
        } catch (RuntimeException e) {
            return false; // the directory is away: the claim that follows fails too
        }
    }

    /** {@link #registeredElsewhere}, throwing when the directory is away. */
    private boolean registeredInDirectory(String name) {
        if (names.isRegistered(name)) {
            return false;
        }
        Optional<String> account = directory.registered(name);
        account.ifPresent(names::addFromCluster);
        return account.isPresent();
    }

    /** Another node's hold of {@code name}; empty if none, or if the directory cannot be read now. Blocks. */
    private Optional<PresenceDirectory.Holder> elsewhere(String name) {
        try {
            return directory.holder(name).filter(holder -> holder.life() != directory.life());
        } catch (RuntimeException e) {
            return Optional.empty(); // the directory is away: as good as offline elsewhere
        }
    }

    /**
     * Other nodes' holds of {@code names}, by folded name, on the directory's thread; none of
     * them if the directory cannot be read now (as good as offline elsewhere).
     */
    private CompletionStage<Map<String, PresenceDirectory.Holder>> elsewhere(Collection<String> names) {
        CompletionStage<Map<String, PresenceDirectory.Holder>> asked;
        try {
            asked = directory.holders(names);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return asked.handle((holders, failure) -> {
            Map<String, PresenceDirectory.Holder> others = new HashMap<>();
            if (failure == null) {
                holders.forEach((key, holder) -> {
                    if (holder.life() != directory.life()) {
                        others.put(key, holder);
                    }
                });
            }
            return others;
        });
    }

    /**
     * The names of everyone logged in but {@code except}, sorted: on every node, in a cluster
     * (this node's only while the directory cannot be read).
     */
    public CompletionStage<List<String>> namesExcept(String except) {
        String exceptKey = NameKeys.key(except);
        TreeSet<String> all = new TreeSet<>();
        online.values().forEach(recipient -> all.add(recipient.name()));
        CompletionStage<List<String>> others;
        if (directory == null) {
            others = CompletableFuture.completedFuture(List.of());
        } else {
            try {
                others = directory.names().exceptionally(failure -> List.of());
            } catch (RuntimeException e) {
                others = CompletableFuture.completedFuture(List.of());
            }
        }
        return others.thenApply(elsewhere -> {
            all.addAll(elsewhere);
            return all.stream().filter(name -> !NameKeys.key(name).equals(exceptKey)).toList();
        });
    }

    private void evicted(String key, Recipient recipient, String registeredName) {
        boolean wasOnline = online.remove(key, recipient);
        claims.remove(recipient);
        if (directory != null) {
            releaseInCluster(recipient);
        }
        if (wasOnline) {
            // One still entering is not told: its entry is refused instead.
            recipient.nameRegistered(registeredName);
        }
    }

    /**
     * The recipient here of a stored private message: its name's, if it is the party the message
     * was stored for. A guest who left while it was stored or on its way from another node is
     * not followed by the next holder of its nick, who must not read it (it is the guest's).
     */
    private Optional<Recipient> recipientOf(PrivateMessage message) {
        return find(message.to()).filter(recipient -> recipient.guest().equals(message.toGuest()));
    }

    /** What the other nodes say, on the link's thread. */
    private final class FromOtherNodes implements PresenceLink.Listener {
        @Override
        public void privateMessage(PrivateMessage message) {
            recipientOf(message).ifPresent(recipient -> recipient.deliver(message));
        }

        @Override
        public void privateMessageByName(PrivateMessage message) {
            find(message.to()).ifPresent(recipient -> recipient.deliver(message));
        }

        @Override
        public void replaced(String name, long token) {
            Recipient here = online.get(NameKeys.key(name));
            Long held = here == null ? null : tokens.get(here);
            if (held != null && held == token && online.remove(NameKeys.key(name), here)) {
                tokens.remove(here, held);
                forgetClaim(here);
                here.replaced();
            }
        }

        @Override
        public void registered(String name) {
            names.addFromCluster(name);
        }

        @Override
        public void presence(String node, String name, boolean online) {
            String key = NameKeys.key(name);
            if (online) {
                onlineAt.put(key, node);
            } else if (onlineAt.containsKey(key) && !onlineAt.remove(key, node)) {
                return; // online on another node since: this one's leaving came late
            }
            comingAndGoing.forEach(watcher -> watcher.accept(name, online));
        }
    }

    /**
     * From now on {@code watcher} hears of names coming online ({@code true}) and going offline
     * on other nodes (IRC's MONITOR), on the link's thread; never on a single node. A name's going
     * offline on a node other than the one it was last told online from is not told (a late notice
     * of a move).
     */
    public void watchOtherNodes(java.util.function.BiConsumer<String, Boolean> watcher) {
        comingAndGoing.add(watcher);
    }

    private void forgetClaim(Recipient recipient) {
        NameClaim claim = claims.remove(recipient);
        if (claim != null) {
            claim.release();
        }
    }
}
