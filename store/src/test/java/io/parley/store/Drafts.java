package io.parley.store;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Member;
import io.parley.core.room.MemberRef;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Events as {@code ChatService} appends them (not yet placed), and callbacks that keep only the outcome. */
final class Drafts {

    private Drafts() {}

    /** A message to append; its id is the store's to give, so the one in {@code message} is ignored. */
    static RoomEvent.Posted posted(Room room, ChatMessage message) {
        return new RoomEvent.Posted(room.id(), RoomEvent.UNPLACED, message);
    }

    static RoomEvent.Joined joined(Room room, long memberId, String name) {
        return new RoomEvent.Joined(room.id(), RoomEvent.UNPLACED, new MemberRef(Member.LOCAL_NODE, memberId, name));
    }

    static RoomEvent.Left left(Room room, long memberId, String name) {
        return new RoomEvent.Left(room.id(), RoomEvent.UNPLACED, new MemberRef(Member.LOCAL_NODE, memberId, name));
    }

    /** A log callback that passes on only the failure (null once stored). */
    static BiConsumer<RoomEvent, Throwable> outcome(Consumer<Throwable> failure) {
        return (placed, error) -> failure.accept(error);
    }
}
