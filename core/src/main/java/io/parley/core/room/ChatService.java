package io.parley.core.room;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What protocol adapters ask of the core, on one node: open rooms, join them, say things, leave.
 * Every event is made durable and placed in its room's order by the {@link EventLog}, then
 * fanned out by the {@link RoomBus} to every node's members (this node subscribes its
 * {@link RoomRegistry#deliver}); the returned stages complete once the event has been handed to
 * this node's members of the room.
 *
 * <p>Thread-safe; no method blocks. Order: there is no lock here. A room's order is the order in
 * which the log placed its events; the log calls back in that order and the bus keeps it per
 * room, so every member of a room, on every node, sees the room's events in the same order. (The
 * only lock on the way is each room's own, held to check a join against the room's removal.)
 * Adapters that need their own requests handled in order (a join before a chat in that room) wait
 * for the returned stage before the next one.
 */
public final class ChatService {

    private final String node;
    private final RoomRegistry rooms;
    private final EventLog log;
    private final RoomBus bus;
    private final Clock clock;
    private final AtomicLong memberIds = new AtomicLong();

    /** The chat service of a single-process server (node {@link Member#LOCAL_NODE}). */
    public ChatService(RoomRegistry rooms, EventLog log, RoomBus bus, Clock clock) {
        this(Member.LOCAL_NODE, rooms, log, bus, clock);
    }

    /**
     * The chat service of node {@code node}, whose members are in {@code rooms}; subscribes the
     * registry's delivery to {@code bus}.
     */
    public ChatService(String node, RoomRegistry rooms, EventLog log, RoomBus bus, Clock clock) {
        this.node = node;
        this.rooms = rooms;
        this.log = log;
        this.bus = bus;
        this.clock = clock;
        bus.subscribe(rooms::deliver);
    }

    /** The node this service's members are on (see {@link Member#node()}). */
    public String node() {
        return node;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** A fresh member id, unique on this node. */
    public long newMemberId() {
        return memberIds.incrementAndGet();
    }

    /**
     * Makes {@code member} a member of {@code room} under {@code name}; every member, the new one
     * included, receives the {@link RoomEvent.Joined}. Completes with the join's sequence, the
     * room's last message before it: the member receives exactly the room's messages after it.
     *
     * @throws IllegalArgumentException if {@code member} is on another node
     */
    public CompletionStage<Long> join(Room room, Member member, String name) {
        if (!member.node().equals(node)) {
            throw new IllegalArgumentException(member + " is on node " + member.node() + ", not " + node);
        }
        MemberRef who = MemberRef.of(member, name);
        if (!room.joinAppending(who, member)) {
            // Removed by the directory between the caller's open and this join.
            return CompletableFuture.failedFuture(new IllegalStateException("room " + room.name() + " was deleted"));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        log.append(new RoomEvent.Joined(room.id(), RoomEvent.UNPLACED, who), (placed, error) -> {
            if (error != null) {
                room.joinDone(who, member); // it never will be in the room
                done.completeExceptionally(error);
                return;
            }
            if (!publish(placed, done, () -> {
                room.joinDone(who, member); // after the delivery: the member is in the room
                done.complete(placed.sequence());
            })) {
                room.joinDone(who, member);
            }
        });
        return done;
    }

    /**
     * Removes {@code room} for good if nobody is in it nor joining it, and no message was ever
     * said in it (history keeps such a room; see {@link RoomStore#removeIfEmpty}). Completes
     * with whether it was removed; its name may then be opened again, as a new room.
     */
    public CompletionStage<Boolean> removeIfUnused(Room room) {
        if (!room.closeIfUnused()) {
            return CompletableFuture.completedFuture(false);
        }
        return rooms.remove(room);
    }

    /** Says {@code text} in {@code room} as {@code author}; completes with the stored message. */
    public CompletionStage<ChatMessage> post(Room room, String author, String text) {
        CompletableFuture<ChatMessage> done = new CompletableFuture<>();
        // Id 0 until the log gives it one; the log keeps times from going back in its order.
        ChatMessage draft = new ChatMessage(0, clock.instant(), room.ref(), author, ChatMessage.Kind.CHAT, text);
        log.append(new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED, draft), (placed, error) -> {
            if (error != null) {
                done.completeExceptionally(error); // refused or not stored: it reached nobody
                return;
            }
            publish(placed, done, () -> done.complete(((RoomEvent.Posted) placed).chat()));
        });
        return done;
    }

    /**
     * Removes {@code member}, which is in {@code room} under {@code name}; every member, the
     * leaving one included, receives the {@link RoomEvent.Left}. Completes with the leave's
     * sequence: the last message of the room the member received.
     */
    public CompletionStage<Long> leave(Room room, Member member, String name) {
        return leave(room, MemberRef.of(member, name));
    }

    /**
     * Announces that {@code member}, of another node that died, left {@code room}: every member,
     * on every node, receives the {@link RoomEvent.Left} at its place in the room's order, as if
     * it had left. What the cluster's one claimer of a dead node's lease calls. Completes with the
     * leave's sequence.
     *
     * @throws IllegalArgumentException if {@code member} is on this node
     */
    public CompletionStage<Long> announceGone(Room room, MemberRef member) {
        if (member.node().equals(node)) {
            throw new IllegalArgumentException(member + " is on this node, " + node);
        }
        return leave(room, member);
    }

    private CompletionStage<Long> leave(Room room, MemberRef member) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        log.append(new RoomEvent.Left(room.id(), RoomEvent.UNPLACED, member), (placed, error) -> {
            if (error != null) {
                // The log failed (a group commit this leave was part of), but a member that is
                // gone must not stay in the room: its departure is still applied, unplaced.
                publish(placed, done, () -> done.completeExceptionally(error));
                return;
            }
            publish(placed, done, () -> done.complete(placed.sequence()));
        });
        return done;
    }

    /** Hands a placed event to the bus; {@code delivered} completes {@code done}, which must not wait for ever. */
    private boolean publish(RoomEvent event, CompletableFuture<?> done, Runnable delivered) {
        try {
            bus.publish(event, delivered);
            return true;
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return false;
        }
    }
}
