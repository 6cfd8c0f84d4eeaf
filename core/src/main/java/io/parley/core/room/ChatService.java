package io.parley.core.room;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What protocol adapters ask of the core: open rooms, join them, say things, leave. Every event
 * is stamped (id, time), made durable by the {@link EventLog}, then fanned out by the
 * {@link RoomBus}; the returned stages complete once the event has been delivered to the room.
 *
 * <p>Thread-safe; no method blocks. Order: events are appended to the log under one lock, in
 * the order this service accepted them, and the log calls back in that order, so every member of
 * a room sees the room's events in the same order. Adapters that need their own requests handled
 * in order (a join before a chat in that room) wait for the returned stage before the next one.
 */
public final class ChatService {

    private final RoomRegistry rooms;
    private final EventLog log;
    private final RoomBus bus;
    private final Clock clock;
    private final AtomicLong memberIds = new AtomicLong();
    /** Guards nextMessageId and the order of appends to the log. */
    private final Object sequencer = new Object();
    private long nextMessageId;

    public ChatService(RoomRegistry rooms, EventLog log, RoomBus bus, Clock clock) {
        this.rooms = rooms;
        this.log = log;
        this.bus = bus;
        this.clock = clock;
        this.nextMessageId = log.lastMessageId() + 1;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** A fresh member id, unique on this server. */
    public long newMemberId() {
        return memberIds.incrementAndGet();
    }

    /**
     * Makes {@code member} a member of {@code room} under {@code name}; every member, the new one
     * included, receives the {@link RoomEvent.Joined}. Completes with the id of the last message
     * sequenced before the join: the member receives exactly the room's messages after it.
     */
    public CompletionStage<Long> join(Room room, Member member, String name) {
        synchronized (sequencer) {
            if (room.isClosed()) {
                // Removed by the directory between the caller's open and this join.
                return CompletableFuture.failedFuture(new IllegalStateException("room " + room.name() + " was deleted"));
            }
            room.joinSequenced();
            return sequence(new RoomEvent.Joined(room, member, name));
        }
    }

    /**
     * Removes {@code room} for good if nobody is in it nor joining it, and no message was ever
     * said in it (history keeps such a room; see {@link RoomStore#removeIfEmpty}). Completes
     * with whether it was removed; its name may then be opened again, as a new room.
     */
    public CompletionStage<Boolean> removeIfUnused(Room room) {
        synchronized (sequencer) {
            // Under the sequencer no join can slip in between this check and the close: a join
            // sequenced before it is counted in flight, one after it sees the room closed.
            if (room.isClosed() || !room.isUnused()) {
                return CompletableFuture.completedFuture(false);
            }
            room.close();
        }
        return rooms.remove(room);
    }

    /** Says {@code text} in {@code room} as {@code author}; completes with the stored message. */
    public CompletionStage<ChatMessage> post(Room room, String author, String text) {
        CompletableFuture<ChatMessage> done = new CompletableFuture<>();
        synchronized (sequencer) {
            ChatMessage message = stamp(room, author, text);
            RoomEvent event = new RoomEvent.Posted(room, message);
            log.append(event, error -> publish(event, error, done, message));
        }
        return done;
    }

    /**
     * Removes {@code member}, which is in {@code room} under {@code name}; every member, the
     * leaving one included, receives the {@link RoomEvent.Left}. Completes with the id of the
     * last message the member received from the room.
     */
    public CompletionStage<Long> leave(Room room, Member member, String name) {
        return sequence(new RoomEvent.Left(room, member, name));
    }

    /** Appends a presence event; it stores nothing, but takes its place in the room's order. */
    private CompletionStage<Long> sequence(RoomEvent event) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (sequencer) {
            long boundary = nextMessageId - 1;
            log.append(event, error -> publish(event, error, done, boundary));
        }
        return done;
    }

    private ChatMessage stamp(Room room, String author, String text) {
        return new ChatMessage(nextMessageId++, clock.instant(), room.ref(), author, ChatMessage.Kind.CHAT, text);
    }

    private <T> void publish(RoomEvent event, Throwable error, CompletableFuture<T> done, T value) {
        try {
            if (error != null) {
                if (event instanceof RoomEvent.Left) {
                    // The log failed (a group commit this leave was part of), but a member that
                    // is gone must not stay in the room: its departure is still applied.
                    bus.publish(event);
                }
                done.completeExceptionally(error);
                return;
            }
            bus.publish(event);
            done.complete(value);
        } catch (RuntimeException e) {
            done.completeExceptionally(e); // whoever waits must not wait for ever
        } finally {
            if (event instanceof RoomEvent.Joined joined) {
                joined.room().joinDone(); // after the dispatch: the member is in the room, or never will be
            }
        }
    }
}
