package io.parley.core;

import java.time.Duration;
import java.util.List;

/**
 * The cluster's leases on life: each running node holds one, renews it well before it runs out,
 * and a node whose lease ran out is dead. A store shared by every node keeps them (PostgreSQL's
 * {@code node_leases}; times are the database's clock, so the nodes' clocks need not agree), and
 * a claim is atomic: each dead node's lease is claimed by exactly one surviving node, which then
 * announces its members as gone.
 *
 * <p>A node's life is one run of its process: a node that restarts under the same name begins a
 * new life ({@link #begin}), and its earlier, crashed life is dead at once.
 *
 * <p>Thread-safe. Every method blocks on the database: call them from a thread of their own,
 * never an event loop. They throw an unchecked exception when the database cannot be reached.
 */
public interface NodeLeases {

    /** A claimed life of a dead node: who it was and which life. */
    record Expired(String node, long life) {}

    /** A member a dead node had in a room: its room (ref and name), its id on that node and its name there. */
    record GoneMember(int roomRef, String roomName, long memberId, String name) {}

    /**
     * Begins a life of {@code node}, holding a lease for {@code lease}; returns the life's number
     * (unique in the cluster, increasing). The node's earlier lives, if any are still held (it
     * crashed), run out at once, for another node to claim and announce.
     */
    long begin(String node, Duration lease);

    /**
     * Renews life {@code life}'s lease for {@code lease} from now; false if it is no longer held:
     * another node found it run out and claimed it (this node was taken for dead).
     */
    boolean renew(long life, Duration lease);

    /**
     * Claims, for {@code claimer}, the leases of other nodes that ran out, and those another
     * claimer took more than {@code claimTimeout} ago without releasing them (it died while
     * announcing). A lease is claimed by one node only, whichever nodes ask at once. The store
     * also ends what the dead life left open that only the store knows (a node's history
     * sessions, when that life was its name's last).
     */
    List<Expired> claimExpired(String claimer, Duration claimTimeout);

    /**
     * The members life {@code dead} had in rooms when it died (the store lists each cluster
     * node's joins until their leaves): what its claimer announces as gone.
     */
    List<GoneMember> members(Expired dead);

    /** Forgets life {@code life}: its node stopped cleanly, or its claimer announced its members. */
    void release(long life);

    /** How many earlier lives of {@code node} than {@code life} are still held or being announced. */
    int earlierLives(String node, long life);

    /** Forgets every earlier life of {@code node} than {@code life}, members included; returns how many there were. */
    int dropEarlierLives(String node, long life);
}
