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
 * calls for one room at a time and in the room's order; any thread may read membership.
 */
public final class Room {

    private final int ref;
    private final String name;
    /** Each member with the name it joined under. */
    private final Map<Member, String> members = new ConcurrentHashMap<>();

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
        }
        // One task per thread that owns members, carrying the event to all of them: the
        // recipients are fixed here, in the room's order, and each thread runs its tasks in the
        // order they were handed over.
        Map<Executor, List<Member>> byExecutor = new HashMap<>();
        for (Member member : members.keySet()) {
            byExecutor.computeIfAbsent(member.executor(), executor -> new ArrayList<>()).add(member);
        }
        try {
            byExecutor.forEach((executor, recipients) -> handOver(executor, recipients, event));
        } finally {
            if (event instanceof RoomEvent.Left left) {
                members.remove(left.member());
            }
        }
    }

    /** One loop's share of an event; a loop that refuses it (shutting down) costs only its own members. */
    private static void handOver(Executor executor, List<Member> recipients, RoomEvent event) {
        try {
            executor.execute(() -> {
                for (Member recipient : recipients) {
                    recipient.deliver(event);
                }
            });
        } catch (RejectedExecutionException e) {
            // The loop is shutting down, and its connections with it.
        }
    }

    @Override
    public String toString() {
        return "Room[" + ref + " " + name + "]";
    }
}
