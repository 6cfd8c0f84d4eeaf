package io.parley.core.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * This node's members of one room, grouped by the thread (event loop) that owns them, and the
 * hand-over of an event to them: one task per thread, which delivers the event to all of that
 * thread's members in a row, so fan-out costs a task per thread, not per member.
 *
 * <p>Thread-safety: confined to its room's delivery ({@link Room#deliver}, one event at a time,
 * each call happening-before the next). Tasks already handed over keep the recipients they were
 * given: a change copies the share of one thread, never changes it.
 */
final class LocalFanOut {

    private List<LoopShare> shares = List.of();

    /** Hands {@code event} to every member here; each thread runs its tasks in the order handed over. */
    void handOver(RoomEvent event) {
        for (LoopShare share : shares) {
            share.handOver(event);
        }
    }

    void add(Member member) {
        regroup(member, true);
    }

    void remove(Member member) {
        regroup(member, false);
    }

    /**
     * Adds {@code member} to, or removes it from, the share of the thread that owns it, copying
     * only that share (a join or leave costs the members of one loop, not the room's regrouping).
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

}
