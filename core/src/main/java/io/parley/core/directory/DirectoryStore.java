package io.parley.core.directory;

import io.parley.core.text.NameKeys;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: where the chat room directory is kept, so that its rooms survive a restart.
 *
 * <p>Thread-safety: implementations are thread-safe. {@link #add} and {@link #remove} never
 * block their caller (they may be called on an event loop); {@link #loadAll} may block and is
 * called at start-up only. The directory's rules (unique names and groups) are
 * {@link RoomDirectory}'s to keep; a store may also enforce them, and then fails the change.
 */
public interface DirectoryStore {

    /** Every room of the directory, in no particular order. */
    List<DirectoryEntry> loadAll();

    /** Stores a new room; completes once it is durable. */
    CompletionStage<Void> add(DirectoryEntry entry);

    /** Removes the room with this entry's name (as {@link NameKeys#key folded}); completes once durable. */
    CompletionStage<Void> remove(DirectoryEntry entry);
}
