package io.parley.core.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A member that records what it is delivered, for assertions. */
public final class RecordingMember implements Member {

    private final String node;
    private final long id;
    private final Executor loop;
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();

    public RecordingMember(long id) {
        this(id, Runnable::run);
    }

    /** A member on its own "event loop": members with distinct executors are grouped apart. */
    public RecordingMember(long id, Executor loop) {
        this(Member.LOCAL_NODE, id, loop);
    }

    /** A member of node {@code node} (see {@link ChatService#node()}). */
    public RecordingMember(String node, long id, Executor loop) {
        this.node = node;
        this.id = id;
        this.loop = loop;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Executor executor() {
        return loop;
    }

    /** Runs each task at once; every instance counts as another event loop. */
    static final class DirectLoop implements Executor {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    @Override
    public void deliver(RoomEvent event) {
        events.add(event);
    }

    /** What was delivered, in order: each message's text, {@code <name> has joined} / {@code <name> has left}. */
    List<String> texts() {
        return events.stream().map(RecordingMember::text).toList();
    }

    /** The texts of the messages delivered (presence left out), in order. */
    public List<String> said() {
        return events.stream().flatMap(e -> e.message().stream()).map(ChatMessage::text).toList();
    }

    private static String text(RoomEvent event) {
        if (event instanceof RoomEvent.Joined joined) {
            return joined.name() + " has joined";
        }
        if (event instanceof RoomEvent.Left left) {
            return left.name() + " has left";
        }
        return event.message().orElseThrow().text();
    }
}
