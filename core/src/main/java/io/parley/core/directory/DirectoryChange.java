package io.parley.core.directory;

import io.parley.core.text.NameKeys;

/**
 * What a request to change the chat room directory came to. Immutable and thread-safe.
 */
public sealed interface DirectoryChange {

    /** The room was made: it is in the directory and durable. */
    record Created(DirectoryEntry entry) implements DirectoryChange {}

    /** The room was deleted from the directory (its core room too, if nobody used it). */
    record Deleted(DirectoryEntry entry) implements DirectoryChange {}

    /** Nothing changed: a room with that name (as {@link NameKeys#key folded}) exists. */
    record NameTaken(DirectoryEntry existing) implements DirectoryChange {}

    /** Nothing changed: another room already chats on that address and port. */
    record GroupTaken(DirectoryEntry existing) implements DirectoryChange {}

    /** Nothing changed: the client's address holds {@code limit} entries already. */
    record TooMany(int limit) implements DirectoryChange {}

    /** Nothing changed: the directory has no room with that name. */
    record NotFound(String name) implements DirectoryChange {}
}
