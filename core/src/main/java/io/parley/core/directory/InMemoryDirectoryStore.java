package io.parley.core.directory;

import io.parley.core.text.NameKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link DirectoryStore} that keeps the directory in memory only (tests, or a server without a
 * disk); every change completes at once, on the caller's thread. Thread-safe.
 */
public final class InMemoryDirectoryStore implements DirectoryStore {

    private final Map<String, DirectoryEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized List<DirectoryEntry> loadAll() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized CompletionStage<Void> add(DirectoryEntry entry) {
        if (entries.putIfAbsent(NameKeys.key(entry.name()), entry) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("room exists: " + entry.name()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> remove(DirectoryEntry entry) {
        entries.remove(NameKeys.key(entry.name()));
        return CompletableFuture.completedFuture(null);
    }
}
