package io.parley.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

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
    /** The members grouped by loop; null once membership changed. Dispatch-only (see the class comment). */
    private List<LoopShare> shares = List.of();

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

    /**
     * Applies an event of this room and delivers it: a joining member is added before the
     * delivery (so it sees its own join), a leaving one removed after it (so it sees its own
     * leave and nothing later). Called only by the room bus.
     */
    void dispatch(RoomEvent event) {
        if (event instanceof RoomEvent.Joined joined) {
            members.put(joined.member(), joined.name());
            shares = null;
        }
        try {
            for (LoopShare share : currentShares()) {
                share.handOver(event);
            }
        } finally {
            if (event instanceof RoomEvent.Left left) {
                members.remove(left.member());
                // Dropped now, not at the next event: a room that falls quiet must not keep
                // its last leaver (and its closed connection) reachable.
                shares = null;
            }
        }
    }

    /**
     * The members grouped by the thread that owns them, regrouped only after membership changed:
     * a room's membership changes far less often than it carries messages. A regrouping builds
     * new arrays, so tasks already handed over keep the recipients they were given.
     */
    private List<LoopShare> currentShares() {
        if (shares == null) {
            Map<Executor, List<Member>> byExecutor = new HashMap<>();
            for (Member member : members.keySet()) {
                byExecutor.computeIfAbsent(member.executor(), executor -> new ArrayList<>()).add(member);
            }
            List<LoopShare> regrouped = new ArrayList<>(byExecutor.size());
            byExecutor.forEach((executor, recipients) ->
                    regrouped.add(new LoopShare(executor, recipients.toArray(Member[]::new))));
            shares = regrouped;
        }
        return shares;
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
