package io.parley.cluster;

import io.parley.core.NodeLeases;
import io.parley.core.room.ChatService;
import io.parley.core.room.MemberRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's lease on life in the cluster, and the watch for nodes that died: every
 * {@link #TICK} (on its own thread, {@code parley-lease}) the node renews its lease for
 * {@link #LEASE}, then claims the leases of other nodes that ran out ({@link NodeLeases}: one
 * claimer per dead node, whichever nodes look at once) and announces each claimed node's members
 * as gone: a {@code Left} appended for each member the store lists for that node's life, so every
 * node delivers it at one place in the room's order, as any leave. A node killed ({@code kill -9}) is
 * so announced within {@link #LEASE} plus {@link #TICK} of its last renewal, at most
 * {@code LEASE + TICK} (4 s) after it died, plus the time to append the leaves.
 *
 * <p>A node restarting under the name of one that crashed begins a new life and waits, before it
 * takes any client, until another node announced the crashed life's members (so no announcement
 * can hit the new life's members, whose ids start again at 1), or, when none does within twice
 * the lease (it is the only node), forgets that life itself.
 *
 * <p>After this node could not renew (PostgreSQL unreachable), it claims nothing for
 * {@code 2 * LEASE} after renewing again: every other node's lease ran out too during the outage,
 * and they must have their turn to renew before anyone is taken for dead.
 *
 * <p>Thread-safe.
 */
public final class NodeWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);
    /** How long a lease holds without renewal: a dead node is found within this plus {@link #TICK}. */
    public static final Duration LEASE = Duration.ofSeconds(3);
    /** How often a node renews its lease and looks for dead nodes. */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** How often a restarting node looks whether its crashed life was announced. */
    private static final long POLL_MS = 100;

    private final String node;
    private final NodeLeases leases;
    private final ScheduledExecutorService thread;
    private volatile long life;
    private volatile ChatService chat;
    /** Touched on the lease thread only. */
    private boolean renewFailing;
    private long claimNotBefore;

    private NodeWatch(String node, NodeLeases leases, long life) {
        this.node = node;
        this.leases = leases;
        this.life = life;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread lease = new Thread(runnable, "parley-lease");
            lease.setDaemon(true);
            return lease;
        });
    }

    /**
     * Begins this node's life and starts renewing its lease; returns once no earlier life of
     * this node's name is left unannounced. Blocks (at most about {@code 2 * LEASE + TICK}): call
     * at start-up, before taking clients. Dead nodes are looked for once {@link #watch} gave the
     * chat service to announce them through.
     *
     * @throws IllegalStateException if the store cannot be reached
     */
    public static NodeWatch begin(String node, NodeLeases leases) throws InterruptedException {
        NodeWatch watch = new NodeWatch(node, leases, leases.begin(node, LEASE));
        watch.thread.scheduleWithFixedDelay(watch::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        try {
            watch.awaitEarlierLivesAnnounced();
        } catch (InterruptedException | RuntimeException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    private void awaitEarlierLivesAnnounced() throws InterruptedException {
        long deadline = System.nanoTime() + LEASE.multipliedBy(2).plus(TICK).toNanos();
        if (leases.earlierLives(node, life) == 0) {
            return;
        }
        log.info("Node {} did not stop cleanly last time: waiting for another node to announce its former users as gone",
                node);
        while (leases.earlierLives(node, life) > 0) {
            if (System.nanoTime() > deadline) {
                int dropped = leases.dropEarlierLives(node, life);
                log.info("No other node took node {}'s former life ({}): it was alone, nobody to tell", node, dropped);
                return;
            }
            Thread.sleep(POLL_MS); // a row in the database: nothing to wait on but polling it
        }
        log.info("Node {}'s former users were announced as gone", node);
    }

    /** Looks for dead nodes from now on and announces their members through {@code chat}. */
    public void watch(ChatService chat) {
        this.chat = chat;
    }

    /** On the lease thread: renew, then claim and announce. */
    private void tick() {
        try {
            if (!leases.renew(life, LEASE)) {
                log.error("Node {} was taken for dead by the cluster (its lease ran out and another node claimed it):"
                        + " the other nodes announced its users as gone though they are still connected here;"
                        + " restart this node so they reconnect", node);
                life = leases.begin(node, LEASE);
                return;
            }
            if (renewFailing) {
                renewFailing = false;
                claimNotBefore = System.nanoTime() + LEASE.multipliedBy(2).toNanos();
                log.info("Node {} renews its lease again; it takes no other node for dead for {} s", node,
                        LEASE.multipliedBy(2).toSeconds());
            }
            ChatService service = chat;
            if (service == null || System.nanoTime() - claimNotBefore < 0) {
                return;
            }
            for (NodeLeases.Expired dead : leases.claimExpired(node, LEASE)) {
                announce(service, dead);
            }
        } catch (RuntimeException e) {
            if (!renewFailing) {
                renewFailing = true;
                log.warn("Node {} cannot renew its lease now (retrying every {} s): {}", node, TICK.toSeconds(),
                        e.getMessage());
            }
        }
    }

    /**
     * Appends a leave for each member {@code dead} had in a room (the store's list, so members of
     * rooms this node never opened too), then releases its lease.
     */
    private void announce(ChatService service, NodeLeases.Expired dead) {
        List<NodeLeases.GoneMember> members = leases.members(dead);
        List<CompletableFuture<Long>> leaves = new ArrayList<>();
        for (NodeLeases.GoneMember member : members) {
            MemberRef gone = new MemberRef(dead.node(), member.memberId(), member.name());
            leaves.add(service.rooms().open(member.roomName())
                    .thenCompose(room -> service.announceGone(room, gone)).toCompletableFuture());
        }
        log.info("Node {} is gone (its lease ran out): announcing its {} room members as gone", dead.node(),
                members.size());
        CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("Some of node {}'s members could not be announced as gone: {}", dead.node(), failure.toString());
            }
            try {
                thread.execute(() -> release(dead));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the claim times out and another node announces that node again
            }
        });
    }

    private void release(NodeLeases.Expired dead) {
        try {
            leases.release(dead.life());
        } catch (RuntimeException e) {
            // its claim times out and another node announces it again: at worst, twice
            log.warn("Could not release node {}'s lease after announcing it: {}", dead.node(), e.getMessage());
        }
    }

    /** Stops renewing; the store releases the lease when it closes (a clean stop). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
