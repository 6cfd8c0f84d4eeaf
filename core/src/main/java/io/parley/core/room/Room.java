package io.parley.core.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat room as one node sees it: a name, a stable integer ref, its roster (every member, on
 * every node, whatever protocol: what IRC's {@code NAMES} needs) and, apart from it, this node's
 * local fan-out (the {@link Member}s here, grouped by the thread that owns them).
 *
 * <p>Events reach the room through {@link #deliver}, which a {@link RoomBus} (in any module)
 * calls with each event of the room, committed by the {@link EventLog}, in the room's order.
 *
 * <p>Thread-safety: the roster and the fan-out change only in {@link #deliver}, which is called
 * for one room one event at a time (each call happening-before the next); any thread may read the
 * roster. {@link ChatService} announces a local member before its join is appended (any thread).
 */
public final class Room {

    /** A member's identity in the roster: its node and its id there. */
    private record Key(String node, long id) {
        static Key of(MemberRef member) {
            return new Key(member.node(), member.id());
        }
    }

    private final RoomId id;
    /** Every member, on every node, as its join named it. */
    private final Map<Key, MemberRef> roster = new ConcurrentHashMap<>();
    /** This node's members whose join is on its way through the log: added to the fan-out at their join. */
    private final Map<Key, Member> joining = new ConcurrentHashMap<>();
    /** This node's members in the fan-out. Delivery-only (see the class comment). */
    private final Map<Key, Member> local = new ConcurrentHashMap<>();
    private final LocalFanOut fanOut = new LocalFanOut();
    /** Joins appended but not yet delivered; see {@link ChatService#removeIfUnused}. */
    private final AtomicInteger joinsInFlight = new AtomicInteger();
    /** Guards the check-then-act of joins against closing: this room's only lock, held briefly. */
    private final Object lifecycle = new Object();
    /** Set when the room is being removed: it takes no more joins. */
    private volatile boolean closed;
    /** Guards {@link #leftDuringFill}. */
    private final Object fillLock = new Object();
    /** The members whose leave was delivered while the roster was being read from the store; null when it is not. */
    private java.util.Set<Key> leftDuringFill;

    public Room(int ref, String name) {
        this.id = new RoomId(ref, Objects.requireNonNull(name, "name"));
    }

    /** The room's ref: the same for the room's whole life, across restarts, protocols and nodes. */
    public int ref() {
        return id.ref();
    }

    /** The room's name as it was first created. */
    public String name() {
        return id.name();
    }

    /** The room as a value, what its events carry. */
    public RoomId id() {
        return id;
    }

    /** Whether {@code member} (of this node) is in the room. */
    public boolean hasMember(Member member) {
        return roster.containsKey(new Key(member.node(), member.id()));
    }

    /** The name {@code member} joined this room with, if it is a member. */
    public Optional<String> nameOf(Member member) {
        return Optional.ofNullable(roster.get(new Key(member.node(), member.id()))).map(MemberRef::name);
    }

    /**
     * The connection behind a member of this node that is in the room, if it is one (what an
     * operator's removal of another protocol's member needs to reach it).
     */
    public Optional<Member> localMember(MemberRef member) {
        return Optional.ofNullable(local.get(Key.of(member)));
    }

    /** How many members the room has, on every node. */
    public int memberCount() {
        return roster.size();
    }

    /** Every member of the room, on every node, with the name it joined under; a snapshot, in no order. */
    public List<MemberRef> roster() {
        return new ArrayList<>(roster.values());
    }

    /** Whether the room has been removed (see {@link ChatService#removeIfUnused}). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Applies an event of this room and delivers it to this node's members: a joining member is
     * added to the roster (and, if it is on this node, to the fan-out) before the delivery, so it
     * sees its own join; a leaving one removed after it, so it sees its own leave and nothing
     * later. Called by the room bus with each event of the room, in the room's order, one at a
     * time (see the class comment); never blocks.
     *
     * @throws IllegalArgumentException if the event is another room's
     */
    public void deliver(RoomEvent event) {
        if (event.room().ref() != id.ref()) {
            throw new IllegalArgumentException(event.room() + " is not " + this);
        }
        if (event instanceof RoomEvent.Joined joined) {
            Key key = Key.of(joined.member());
            roster.put(key, joined.member());
            Member here = joining.remove(key);
            if (here != null && local.putIfAbsent(key, here) == null) {
                fanOut.add(here);
            }
        }
        try {
            fanOut.handOver(event);
        } finally {
            if (event instanceof RoomEvent.Left left) {
                Key key = Key.of(left.member());
                synchronized (fillLock) {
                    if (leftDuringFill != null) {
                        leftDuringFill.add(key);
                    }
                }
                roster.remove(key);
                Member here = local.remove(key);
                if (here != null) {
                    // Dropped now, not at the next event: a room that falls quiet must not keep
                    // its last leaver (and its closed connection) reachable.
                    fanOut.remove(here);
                }
            }
        }
    }

    /**
     * The roster of other nodes' members is about to be read from the store ({@link #fill}):
     * leaves delivered from now on are noted, so the read cannot put back a member who left.
     */
    void fillBegins() {
        synchronized (fillLock) {
            leftDuringFill = new java.util.HashSet<>();
        }
    }

    /**
     * Adds to the roster the other nodes' members the store listed since {@link #fillBegins}
     * (those whose joins this node never received): all but those already in it and those whose
     * leave was delivered meanwhile.
     */
    void fill(List<MemberRef> members) {
        synchronized (fillLock) {
            for (MemberRef member : members) {
                Key key = Key.of(member);
                if (leftDuringFill == null || !leftDuringFill.contains(key)) {
                    roster.putIfAbsent(key, member);
                }
            }
            leftDuringFill = null;
        }
    }

    /**
     * A join of {@code member}, named {@code ref}, is about to be appended: its event will add it
     * to the fan-out here. False if the room is closed (it takes no joins).
     */
    boolean joinAppending(MemberRef ref, Member member) {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            joinsInFlight.incrementAndGet();
        }
        joining.put(Key.of(ref), member);
        return true;
    }

    /**
     * Closes the room if nobody is in it, on any node, nor on the way in here; whether it did.
     * Under the same lock as {@link #joinAppending}, so no join slips in between the check and
     * the close: one counted before sees the room used, one after sees it closed.
     */
    boolean closeIfUnused() {
        synchronized (lifecycle) {
            if (closed || !roster.isEmpty() || joinsInFlight.get() != 0) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    /** The join's event was delivered (the member is in), or it failed (then it never will be). */
    void joinDone(MemberRef ref, Member member) {
        joining.remove(Key.of(ref), member);
        joinsInFlight.decrementAndGet();
    }

    /** The store kept the room after all (it holds history): it is open again. */
    void reopen() {
        closed = false;
    }

    @Override
    public String toString() {
        return "Room[" + id.ref() + " " + id.name() + "]";
    }
}
