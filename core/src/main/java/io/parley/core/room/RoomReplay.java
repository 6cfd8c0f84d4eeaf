package io.parley.core.room;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: reads a room's stored messages back by sequence, as the {@link EventLog} placed them.
 * What a cluster node's bus fills a gap with (a message lost or late between nodes, a reconnect):
 * the store of record, not the bus, is where a message that was acknowledged can always be found.
 * Presence events ({@link RoomEvent.Joined}, {@link RoomEvent.Left}) store nothing, so they are
 * never read back.
 *
 * <p>Thread-safe; never blocks its caller.
 */
public interface RoomReplay {

    /**
     * The messages of {@code room} numbered above {@code after}, in sequence order, at most
     * {@code limit} of them (fewer when the room has no more yet), each as the log placed it.
     */
    CompletionStage<List<RoomEvent.Posted>> messagesAfter(RoomId room, long after, int limit);
}
