package io.parley.core.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Port: the names online across a cluster, each held by one node. {@link Presence} keeps this
 * node's recipients and asks here who holds a name elsewhere, so that a name (an account's, an
 * IRC nick) is online once across every node. A store every node shares keeps it (PostgreSQL's
 * {@code online_names}); the names of a node that died are freed with its lease. A single node
 * has none.
 *
 * <p>Each hold carries a token, unique on its node, so that a late release of an earlier hold
 * of the same name on the same node does not free a later one.
 *
 * <p>Thread-safe. {@link #claim}, {@link #take}, {@link #holder} and {@link #registered} block on
 * the database (a round trip; they throw an unchecked exception when it cannot be reached), so
 * they serve the entry of a name only; {@link #release} never blocks. The look-ups a user's
 * command makes, {@link #holders}, {@link #names} and {@link #count}, never block their caller: their stages
 * complete on a thread of the directory's own (an event loop or the store's writing thread must
 * not wait for the database), and fail when it cannot be reached or has too many waiting.
 */
public interface PresenceDirectory {

    /**
     * Who holds a name: its node, the node's life (one run of its process), the hold's token, and
     * the key private messages to it are encrypted with, if it reads encrypted ones (its account's),
     * and its guest token ({@link Recipient#guest}: empty for an account's owner), so that a
     * private message to it is stored for the same party as on its own node.
     */
    record Holder(String name, String node, long life, long token, Optional<String> publicKey, String guest) {}

    /**
     * Takes {@code name} for this node under {@code token}, unless another node holds it: then
     * false and nothing changes. This node's own earlier hold of it is taken over. {@code guest}:
     * the holder's guest token ({@link Recipient#guest}).
     */
    boolean claim(String name, long token, String guest);

    /**
     * Takes {@code name} for this node under {@code token} whoever holds it (its owner logged in):
     * the holder it replaces, if any, to be told. {@code keyed}: it reads private messages
     * encrypted with its account's key.
     */
    Optional<Holder> take(String name, long token, boolean keyed);

    /**
     * Gives {@code name} back if {@code token} of this node still holds it, off the caller's
     * thread; {@code freed} runs once the name is free in the directory (not when a newer hold
     * of this node's had replaced {@code token}'s), so that what it tells other nodes is what
     * they read here.
     */
    void release(String name, long token, Runnable freed);

    /**
     * Holds {@code name} under {@code token} for a line or TCD user of this node, who may share it
     * with others of its kind on any node, unless another node holds it as its own ({@link #claim},
     * {@link #take}): then false. A {@link #claim} of the name by another node is refused while
     * this hold lasts; the two never both succeed.
     */
    boolean share(String name, long token);

    /** Gives back this node's shared hold {@code token} of {@code name}. Never blocks. */
    void unshare(String name, long token);

    /**
     * How many names are online on every node (held as one user's, as {@link #names} lists them).
     * Completes off the caller's thread.
     */
    CompletionStage<Integer> count();

    /** Who holds {@code name}, on any node (blocking: for the entry of a name). */
    Optional<Holder> holder(String name);

    /**
     * Who holds each of {@code names}, on any node, by folded name ({@link io.parley.core.text.NameKeys#key});
     * a name nobody holds is absent. Completes off the caller's thread.
     */
    CompletionStage<Map<String, Holder>> holders(Collection<String> names);

    /**
     * The name of the account registered under {@code name} (folded), or under a look-alike, if one is, on any
     * node: a registration another node committed is seen here at once, before its notice
     * ({@link PresenceLink#registered}) arrives.
     */
    Optional<String> registered(String name);

    /** Every name held on every node, in no order. Completes off the caller's thread. */
    CompletionStage<List<String>> names();

    /**
     * Where the entry of a name may run its blocking calls ({@link #claim}, {@link #registered})
     * off an event loop: a thread of the directory's own. It may refuse a task
     * ({@link java.util.concurrent.RejectedExecutionException}) when too many wait.
     */
    java.util.concurrent.Executor entries();

    /** This node's name. */
    String node();

    /** This node's current life: a holder of another life is another node (or a dead run of this one). */
    long life();
}
