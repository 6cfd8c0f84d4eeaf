package io.parley.core.room;

import java.util.Objects;

/**
 * A member of a room named by value: the node its connection is on, its id there
 * ({@link Member#id()}, unique on that node) and the name it joined the room under. What a
 * {@link RoomEvent} and a room's roster carry instead of the live {@link Member}, so that an event
 * can cross a process.
 *
 * <p>Immutable and thread-safe.
 */
public record MemberRef(String node, long id, String name) {

    public MemberRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
    }

    /** The value naming {@code member}, in a room it joins under {@code name}. */
    public static MemberRef of(Member member, String name) {
        return new MemberRef(member.node(), member.id(), name);
    }

    /** Whether this names {@code member} (whatever name it joined under). */
    public boolean is(Member member) {
        return id == member.id() && node.equals(member.node());
    }

    /** Whether this and {@code other} name the same member (whatever names they carry). */
    public boolean sameMember(MemberRef other) {
        return id == other.id && node.equals(other.node);
    }
}
