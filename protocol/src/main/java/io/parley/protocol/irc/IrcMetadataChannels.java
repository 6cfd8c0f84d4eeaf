package io.parley.protocol.irc;

import io.parley.core.room.Room;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The channels' metadata (draft/metadata-3), in memory like the channel modes it sits beside
 * ({@link IrcChannelState}): a channel founded afresh (an IRC user joins the empty room, so the
 * server starts a new {@link IrcChannelState}) starts without metadata, as it starts without modes.
 * Thread-safe.
 */
final class IrcMetadataChannels {

    /** A room's metadata and the channel state it belongs to: once that state is replaced, the metadata is stale. */
    private record Entry(IrcChannelState state, IrcMetadataValues values) {}

    private final IrcServer server;
    private final Map<Integer, Entry> byRoom = new ConcurrentHashMap<>();

    IrcMetadataChannels(IrcServer server) {
        this.server = server;
    }

    /**
     * Applies {@code change} to the channel's metadata (an empty store for a channel that has none
     * yet) and returns its result; a channel left without keys is forgotten, so rooms no one set
     * metadata on cost nothing. The change runs under the room's entry lock, so no concurrent
     * change is lost.
     */
    <T> T change(Room room, Function<IrcMetadataValues, T> change) {
        IrcChannelState state = server.channel(room);
        Object[] result = new Object[1];
        byRoom.compute(room.ref(), (ref, entry) -> {
            Entry current = entry != null && entry.state() == state ? entry : new Entry(state, new IrcMetadataValues());
            result[0] = change.apply(current.values());
            return current.values().isEmpty() ? null : current;
        });
        @SuppressWarnings("unchecked")
        T done = (T) result[0];
        return done;
    }

    /** The channel's metadata, to read it: empty when it has none. */
    Optional<IrcMetadataValues> read(Room room) {
        Entry entry = byRoom.get(room.ref());
        if (entry == null || entry.state() != server.channel(room)) {
            return Optional.empty();
        }
        return Optional.of(entry.values());
    }
}
