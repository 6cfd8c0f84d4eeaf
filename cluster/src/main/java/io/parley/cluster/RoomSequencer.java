package io.parley.cluster;

import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One room's delivery order on one node: takes the room's events as they arrive (from this node's
 * log, from other nodes over NATS, from the store when a gap is filled), in any order and maybe
 * twice, and releases them in sequence order, each message once.
 *
 * <p>Rules:
 * <ul>
 * <li>Messages: message {@code n} is released right after message {@code n - 1}; one that comes
 *     early waits; one that comes again (already released, or already waiting) is dropped, and its
 *     {@code delivered} callback runs all the same (its sender's confirmation must not wait for
 *     ever).
 * <li>Presence (joins, leaves) stores nothing and carries the number of the room's last message
 *     before it: it is released right after that message, before the next, in the order presence
 *     events arrive (one node's events arrive in the order it published them). One that arrives
 *     after the next message was released here (a late event: another node's message overtook a
 *     join still on its way) is released at once at this node's current place, and its sequence
 *     raised to it, so a joiner still receives exactly the messages above its join's number.
 * <li>{@link RoomEvent#UNPLACED} events (a leave the log could not order) are released at once.
 * <li>The first event a node sees of a room sets where it starts: it has no members there yet.
 * </ul>
 *
 * <p>Not thread-safe: one room's events are handed in one at a time (the bus's serial lane).
 */
final class RoomSequencer {

    /** An event and what to run once this node has handed it to its members. */
    record Pending(RoomEvent event, Runnable delivered) {}

    private static final Runnable NOTHING = () -> {};

    private RoomId room;
    /** The number of the last message released; -1 before the first event. */
    private long released = -1;
    private final TreeMap<Long, Pending> messages = new TreeMap<>();
    /** Presence waiting for the message numbered by its key. */
    private final TreeMap<Long, List<Pending>> presence = new TreeMap<>();
    /** Whether a gap timer or a read from the store is under way (the bus's own flags). */
    boolean timerArmed;
    boolean fetching;
    /** Reads from the store that failed in a row (the bus logs the first). */
    int failedReads;

    RoomSequencer(RoomId room) {
        this.room = room;
    }

    static Pending remote(RoomEvent event) {
        return new Pending(event, NOTHING);
    }

    /** The room, as its latest event named it. */
    RoomId room() {
        return room;
    }

    /** The number of the last message released (-1 before any event). */
    long released() {
        return released;
    }

    /** Whether an event waits for a message that has not arrived: a gap. */
    boolean hasGap() {
        return !messages.isEmpty() || !presence.isEmpty();
    }

    /** Takes one event; returns what may be handed to members now, in order. */
    List<Pending> accept(Pending pending) {
        RoomEvent event = pending.event();
        room = event.room();
        long sequence = event.sequence();
        List<Pending> ready = new ArrayList<>(1);
        if (sequence == RoomEvent.UNPLACED) {
            ready.add(pending);
            return ready;
        }
        boolean message = event instanceof RoomEvent.Posted;
        if (released < 0) {
            released = message ? sequence - 1 : sequence;
        }
        if (message) {
            if (sequence <= released) {
                pending.delivered().run(); // a duplicate: released before
                return ready;
            }
            messages.merge(sequence, pending, RoomSequencer::keepBoth);
        } else if (sequence <= released) {
            ready.add(sequence == released ? pending : new Pending(raised(event), pending.delivered()));
            return ready;
        } else {
            presence.computeIfAbsent(sequence, n -> new ArrayList<>(1)).add(pending);
        }
        drain(ready);
        return ready;
    }

    private void drain(List<Pending> ready) {
        while (true) {
            List<Pending> here = presence.remove(released);
            if (here != null) {
                ready.addAll(here);
            }
            Pending next = messages.remove(released + 1);
            if (next == null) {
                return;
            }
            released++;
            ready.add(next);
        }
    }

    /** One message that came twice before its turn: delivered once, both callbacks run. */
    private static Pending keepBoth(Pending waiting, Pending again) {
        if (again.delivered() == NOTHING) {
            return waiting;
        }
        if (waiting.delivered() == NOTHING) {
            return new Pending(waiting.event(), again.delivered());
        }
        Runnable first = waiting.delivered();
        Runnable second = again.delivered();
        return new Pending(waiting.event(), () -> {
            first.run();
            second.run();
        });
    }

    private RoomEvent raised(RoomEvent event) {
        if (event instanceof RoomEvent.Joined joined) {
            return joined.placed(released);
        }
        return ((RoomEvent.Left) event).placed(released);
    }

    /** Every waiting event's callback, without delivering: the bus is closing. */
    List<Runnable> abandon() {
        List<Runnable> callbacks = new ArrayList<>();
        for (Map.Entry<Long, Pending> waiting : messages.entrySet()) {
            callbacks.add(waiting.getValue().delivered());
        }
        presence.values().forEach(list -> list.forEach(p -> callbacks.add(p.delivered())));
        messages.clear();
        presence.clear();
        return callbacks;
    }
}
