package io.parley.core.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat room: a name, a stable integer ref and the members currently in it, whatever protocol
 * they use.
 *
 * <p>Thread-safety: membership changes only in {@link #dispatch}, which the {@link RoomBus}
 * calls for one room at a time and in the room's order (each call happening-before the next);
 * any thread may read membership.
 */
public final class Room {

    private final int ref;
    private final String name;
    /** Each member with the name it joined under. */
    private final Map<Member, String> members = new ConcurrentHashMap<>();
    /** The members grouped by the thread that owns them. Dispatch-only (see the class comment). */
    private List<LoopShare> shares = List.of();
    /** Joins sequenced but not yet dispatched; changed under {@link ChatService}'s sequencer and after dispatch. */
    private final AtomicInteger joinsInFlight = new AtomicInteger();
    /** Set when the room is being removed: it takes no more joins. */
    private volatile boolean closed;

    public Room(int ref, String name) {
        this.ref = ref;
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The room's ref: the same for the room's whole life, across restarts and protocols. */
    public int ref() {
        return ref;
    }

    /** The room's name as it was first created. */
    public String name() {
        return name;
    }

    public boolean hasMember(Member member) {
        return members.containsKey(member);
    }

    /** The name {@code member} joined this room with, if it is a member. */
    public Optional<String> nameOf(Member member) {
        return Optional.ofNullable(members.get(member));
    }

    public int memberCount() {
        return members.size();
    }

    /** Whether the room has been removed (see {@link ChatService#removeIfUnused}). */
    public boolean isClosed() {
        return closed;
    }

    /** Whether nobody is in the room nor on the way in. */
    boolean isUnused() {
        return members.isEmpty() && joinsInFlight.get() == 0;
    }

    void joinSequenced() {
        joinsInFlight.incrementAndGet();
    }

    void joinDone() {
        joinsInFlight.decrementAndGet();
    }

    void close() {
        closed = true;
    }

    /** The store kept the room after all (it holds history): it is open again. */
    void reopen() {
        closed = false;
    }

    /**
     * Applies an event of this room and delivers it: a joining member is added before the
     * delivery (so it sees its own join), a leaving one removed after it (so it sees its own
     * leave and nothing later). Called only by the room bus.
     */
    void dispatch(RoomEvent event) {
        if (event instanceof RoomEvent.Joined joined && members.put(joined.member(), joined.name()) == null) {
            regroup(joined.member(), true);
        }
        try {
            for (LoopShare share : shares) {
                share.handOver(event);
            }
        } finally {
            if (event instanceof RoomEvent.Left left && members.remove(left.member()) != null) {
                // Dropped now, not at the next event: a room that falls quiet must not keep
                // its last leaver (and its closed connection) reachable.
                regroup(left.member(), false);
            }
        }
    }

    /**
     * Adds {@code member} to, or removes it from, the share of the thread that owns it, copying
     * only that share (a join or leave costs the members of one loop, not the room's regrouping).
     * Copies, never changes: tasks already handed over keep the recipients they were given.
     */
    private void regroup(Member member, boolean add) {
        List<LoopShare> regrouped = new ArrayList<>(shares.size() + 1);
        boolean found = false;
        for (LoopShare share : shares) {
            if (share.executor != member.executor()) {
                regrouped.add(share);
                continue;
            }
            found = true;
            LoopShare changed = add ? share.with(member) : share.without(member);
            if (changed.members.length > 0) {
                regrouped.add(changed);
            }
        }
        if (add && !found) {
            regrouped.add(new LoopShare(member.executor(), new Member[] {member}));
        }
        shares = List.copyOf(regrouped);
    }

    /**
     * The members one thread owns. Each event becomes one task per thread that delivers it to all
     * of them in a row: the recipients are fixed at dispatch, in the room's order, and each thread
     * runs its tasks in the order they were handed over.
     */
    private static final class LoopShare {
        private final Executor executor;
        private final Member[] members;

        LoopShare(Executor executor, Member[] members) {
            this.executor = executor;
            this.members = members;
        }

        LoopShare with(Member member) {
            Member[] more = Arrays.copyOf(members, members.length + 1);
            more[members.length] = member;
            return new LoopShare(executor, more);
        }

        /** A share without {@code member}, which it holds (the room's map and its shares agree). */
        LoopShare without(Member member) {
            int at = Arrays.asList(members).indexOf(member);
            Member[] fewer = new Member[members.length - 1];
            System.arraycopy(members, 0, fewer, 0, at);
            System.arraycopy(members, at + 1, fewer, at, fewer.length - at);
            return new LoopShare(executor, fewer);
        }

        /** A loop that refuses the task (shutting down) costs only its own members. */
        void handOver(RoomEvent event) {
            try {
                executor.execute(() -> {
                    for (Member member : members) {
                        member.deliver(event);
                    }
                });
            } catch (RejectedExecutionException e) {
                // The loop is shutting down, and its connections with it.
            }
        }
    }

    @Override
    public String toString() {
        return "Room[" + ref + " " + name + "]";
    }
}
