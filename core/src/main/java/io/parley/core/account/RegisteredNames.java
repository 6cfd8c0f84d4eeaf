package io.parley.core.account;

import com.ibm.icu.text.SpoofChecker;
import io.parley.core.text.Blanks;
import io.parley.core.text.NameKeys;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names that belong to registered accounts, and the connections that chat under names nobody
 * owns. A registered name is reserved on every protocol: nobody but its owner (logged in through
 * the account protocol) may chat under it, nor under a name that looks like it. Two rules, one
 * place:
 * <ul>
 *   <li>{@link NameKeys#key}: the same name ({@code Locale.ROOT} lower case), which finds an account;</li>
 *   <li>{@link #lookalikeKeys}: the same-looking name (the Unicode confusable skeleton of
 *       UTS #39, taken of the lower-cased name and lower-cased from the name's, since case
 *       changes what looks alike: {@code I} is like {@code l}, {@code i} is not), after
 *       {@linkplain Blanks#fold folding} blanks and invisible characters, so {@code аlice} with
 *       a Cyrillic а, {@code ALICE}, {@code AIice} and {@code alice} followed by a no-break space
 *       or a Braille blank are all taken once {@code alice} is registered.</li>
 * </ul>
 *
 * <p>The reservation holds from the moment a registration is {@linkplain #add added}: a
 * connection that took the name before ({@link #claim}) has its {@link NameClaim} revoked and its
 * {@link NameHolder} told, in the same step, so that no connection keeps a name after its owner
 * registered it, whatever protocol it uses.
 *
 * <p>A registration first {@linkplain #reserve reserves} its name, which checks and holds it in
 * one step, so two registrations of look-alike names cannot both pass the check before either is
 * stored.
 *
 * <p>Thread-safe. {@link #isRegistered} never blocks; {@link #claim}, {@link #reserve}, {@link #add}
 * and {@link NameClaim#release} take a short lock of their own (no I/O under it), and holders are told
 * after it is released.
 */
public final class RegisteredNames {

    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    private final Set<String> lookalikeKeys = ConcurrentHashMap.newKeySet();
    /** Guards the additions to lookalikeKeys (not the reads), claims and reservedKeys. */
    private final Object lock = new Object();
    /** The look-alike keys of registrations in progress ({@link NameReservation}); disjoint from lookalikeKeys. */
    private final Set<String> reservedKeys = new HashSet<>();
    /** The claims on each look-alike key; each claim is under all of its keys. */
    private final Map<String, Set<NameClaim>> claims = new HashMap<>();

    /** How many names are registered (one per account); for metrics. */
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

    public RegisteredNames(Collection<String> registered) {
        registered.forEach(name -> lookalikeKeys.addAll(lookalikeKeys(name)));
        count.set(registered.size());
    }

    /**
     * Whether another node of a cluster holds a name exclusively (its IRC user, its account
     * user): such a name is refused here as one held on this node is. Set once, at start-up, by a
     * cluster's {@link Presence}; a round trip to its directory, asked outside this class's lock.
     */
    private volatile java.util.function.Predicate<String> heldElsewhere = name -> false;

    void heldElsewhere(java.util.function.Predicate<String> test) {
        heldElsewhere = test;
    }

    /**
     * How a cluster holds the names line and TCD users chat under ({@link #claim}): across the
     * nodes, a hold another node's user of the name refuses, and the reverse. Set once, at
     * start-up, by a cluster's {@link Presence}; a single node holds them here only.
     */
    interface SharedNames {
        /** Holds {@code name} across the cluster: what gives it back, or empty if another node's user holds it as its own. */
        Optional<Runnable> share(String name);
    }

    private static final Runnable HELD_HERE_ONLY = () -> { };

    private volatile SharedNames sharedNames = name -> Optional.of(HELD_HERE_ONLY);

    void sharedNames(SharedNames cluster) {
        sharedNames = cluster;
    }

    /** Told of each name registered on this node (a cluster tells the other nodes); set once, at start-up. */
    private volatile java.util.function.Consumer<String> registeredHere = name -> { };

    /** From now on, {@code listener} is told of each name registered on this node (not of those {@link #addFromCluster added from the cluster}). */
    public void onRegistered(java.util.function.Consumer<String> listener) {
        registeredHere = listener;
    }

    /** A registration on this node committed {@code name}: the listener hears of it. */
    void registeredHere(String name) {
        try {
            registeredHere.accept(name);
        } catch (RuntimeException e) {
            // The other nodes learn it when they restart; the account is stored either way.
        }
    }

    /**
     * Records a name another node of the cluster registered, as {@link #add} does (its unowned
     * holders here are told), unless it is known already.
     */
    public void addFromCluster(String name) {
        if (lookalikeKeys(name).stream().allMatch(lookalikeKeys::contains)) {
            return;
        }
        add(name);
    }

    /** How many names are registered now: the server's accounts. */
    public int count() {
        return count.get();
    }

    /** The keys under which two user names look the same: they do if they share one. */
    public static List<String> lookalikeKeys(String name) {
        String normalized = Blanks.fold(Normalizer.normalize(name, Normalizer.Form.NFKC));
        return List.of(SKELETONS.getSkeleton(NameKeys.key(normalized)), NameKeys.key(SKELETONS.getSkeleton(normalized)));
    }

    /** Whether {@code name} is, or looks like, a registered name. */
    public boolean isRegistered(String name) {
        return lookalikeKeys(name).stream().anyMatch(lookalikeKeys::contains);
    }

    /**
     * Records that {@code holder} chats under {@code name}, unless the name is, or looks like, a
     * registered one: then nothing is recorded and the result is empty. The check and the record
     * are one step, so a registration cannot slip between them.
     */
    public Optional<NameClaim> claim(String name, NameHolder holder) {
        return claim(name, holder, false);
    }

    /**
     * Like {@link #claim}, but the name must also be free: no other claim on the same name
     * ({@link NameKeys#key folded}) may be held, and none may be taken while this one is. A user
     * who is reachable by name ({@link Presence#enterUnowned}: an IRC nick) holds one, so that a
     * line or TCD user cannot chat under the same name at the same time, nor the reverse; line and
     * TCD users, who are not reachable by name, may still share a name among themselves.
     */
    public Optional<NameClaim> claimExclusively(String name, NameHolder holder) {
        return claim(name, holder, true);
    }

    /**
     * Whether someone reachable by name holds {@code name} ({@link #claimExclusively}), here or on
     * another node. A refusal's reason asks {@link #isRegistered} first: a registered name is
     * refused as such even while its owner is online (and so holds it) on another node.
     */
    public boolean heldExclusively(String name) {
        String exact = NameKeys.key(name);
        synchronized (lock) {
            if (holders(lookalikeKeys(name), exact).anyMatch(claim -> claim.exclusive)) {
                return true;
            }
        }
        return heldElsewhere.test(name);
    }

    private Optional<NameClaim> claim(String name, NameHolder holder, boolean exclusive) {
        List<String> keys = lookalikeKeys(name);
        if (keys.stream().anyMatch(lookalikeKeys::contains)) {
            // Registered: refused whether or not its owner is online somewhere (checked again
            // under the lock below, where a registration cannot slip in).
            return Optional.empty();
        }
        Runnable unshare = HELD_HERE_ONLY;
        if (!exclusive) {
            // Held across the cluster first (an exclusive claim is held there by the cluster's
            // presence): refused while another node's user is reachable under the name.
            Optional<Runnable> shared = sharedNames.share(name);
            if (shared.isEmpty()) {
                return Optional.empty();
            }
            unshare = shared.get();
        }
        String exact = NameKeys.key(name);
        synchronized (lock) {
            boolean refused = keys.stream().anyMatch(lookalikeKeys::contains)
                    || holders(keys, exact).anyMatch(claim -> exclusive || claim.exclusive);
            if (!refused) {
                NameClaim claim = new NameClaim(this, keys, exact, exclusive, holder, unshare);
                // Sized for the usual one holder: every connection's name keeps its sets while it is connected.
                keys.forEach(key -> claims.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(claim));
                return Optional.of(claim);
            }
        }
        unshare.run();
        return Optional.empty();
    }

    /** The claims filed under {@code keys} on exactly the name {@code exact} (a folded key). Under lock. */
    private java.util.stream.Stream<NameClaim> holders(List<String> keys, String exact) {
        // Every claim is filed under its look-alike keys, and the same name has the same ones.
        return keys.stream().map(claims::get).filter(java.util.Objects::nonNull).flatMap(Set::stream)
                .filter(claim -> claim.exactKey.equals(exact));
    }

    /**
     * Holds {@code name} for a registration about to store its account, unless it is, or looks
     * like, a registered name or one another registration holds: then the result is empty and the
     * registration must be refused. The check and the hold are one step. The caller must
     * {@linkplain NameReservation#commit commit} or {@linkplain NameReservation#release release}
     * the reservation once the store answered.
     */
    public Optional<NameReservation> reserve(String name) {
        List<String> keys = lookalikeKeys(name);
        synchronized (lock) {
            if (keys.stream().anyMatch(key -> lookalikeKeys.contains(key) || reservedKeys.contains(key))) {
                return Optional.empty();
            }
            reservedKeys.addAll(keys);
            return Optional.of(new NameReservation(this, name, keys));
        }
    }

    void unreserve(NameReservation reservation) {
        synchronized (lock) {
            // Only this reservation held these keys: reserve() refuses keys already held.
            reservation.keys.forEach(reservedKeys::remove);
        }
    }

    /**
     * Records a newly registered name (call it once the account is committed): from now on it is
     * taken, and every connection that held it or a look-alike is told, once.
     */
    public void add(String name) {
        List<String> keys = lookalikeKeys(name);
        Set<NameClaim> evicted = new LinkedHashSet<>();
        synchronized (lock) {
            lookalikeKeys.addAll(keys);
            count.incrementAndGet();
            for (String key : keys) {
                Set<NameClaim> holders = claims.remove(key);
                if (holders != null) {
                    evicted.addAll(holders);
                }
            }
            evicted.forEach(this::forget);
            evicted.forEach(NameClaim::revoke);
        }
        for (NameClaim claim : evicted) {
            try {
                claim.holder.nameRegistered(name);
            } catch (RuntimeException e) {
                // A holder that cannot be told (its connection's loop is shutting down) is already
                // revoked and cannot speak; it must not stop the others being told, nor the login.
            }
        }
    }

    void release(NameClaim claim) {
        synchronized (lock) {
            forget(claim);
        }
    }

    /** How many claims are held: for tests that check connections give their names back. */
    int claimCount() {
        synchronized (lock) {
            return (int) claims.values().stream().flatMap(Set::stream).distinct().count();
        }
    }

    private void forget(NameClaim claim) {
        for (String key : claim.keys) {
            Set<NameClaim> holders = claims.get(key);
            if (holders != null && holders.remove(claim) && holders.isEmpty()) {
                claims.remove(key);
            }
        }
    }
}
