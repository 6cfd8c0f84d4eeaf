package io.parley.core.account;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Thread-safe; no method blocks (recipients are told without a lock held).
 */
public final class Presence {

    private final RegisteredNames names;
    private final Map<String, Recipient> online = new ConcurrentHashMap<>();
    /** The claims of the recipients that entered under names nobody owns. */
    private final Map<Recipient, NameClaim> claims = new ConcurrentHashMap<>();

    public Presence(RegisteredNames names) {
        this.names = names;
    }

    /** Makes {@code recipient}, its name's owner, its name's presence; the one it replaces, if any, is told. */
    public void enter(Recipient recipient) {
        Recipient before = online.put(NameKeys.key(recipient.name()), recipient);
        if (before != null && before != recipient) {
            forgetClaim(before);
            before.replaced();
        }
    }

    /**
     * Makes {@code recipient} the presence of a name no account owns, unless the name is, or
     * looks like, a registered name, or someone is present under it, or a line or TCD user chats
     * under it ({@link RegisteredNames#claimExclusively}): then false, and nothing is recorded.
     */
    public boolean enterUnowned(Recipient recipient) {
        String key = NameKeys.key(recipient.name());
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
            // Registered between the claim and the entry: the recipient has been told already.
            online.remove(key, recipient);
            return false;
        }
        return true;
    }

    /** Removes {@code recipient} if it is still its name's presence (a replaced one is not). */
    public void leave(Recipient recipient) {
        online.remove(NameKeys.key(recipient.name()), recipient);
        forgetClaim(recipient);
    }

    /** How many names are online now, whatever protocol holds each; for metrics. */
    public int size() {
        return online.size();
    }

    /** The presence of {@code name}, if it is logged in. */
    public Optional<Recipient> find(String name) {
        return Optional.ofNullable(online.get(NameKeys.key(name)));
    }

    /** The names of everyone logged in but {@code except}, sorted. */
    public List<String> namesExcept(String except) {
        String exceptKey = NameKeys.key(except);
        return online.values().stream().map(Recipient::name)
                .filter(name -> !NameKeys.key(name).equals(exceptKey)).sorted().toList();
    }

    private void evicted(String key, Recipient recipient, String registeredName) {
        online.remove(key, recipient);
        claims.remove(recipient);
        recipient.nameRegistered(registeredName);
    }

    private void forgetClaim(Recipient recipient) {
        NameClaim claim = claims.remove(recipient);
        if (claim != null) {
            claim.release();
        }
    }
}
