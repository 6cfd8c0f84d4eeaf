-- The chat room directory (shared/specs/directory.md). Self-contained: it needs only V1's rooms.
-- One row per room in the directory; deleting a room from the directory deletes its row here
-- and nothing else (its core room, and its ref, stay for life).
CREATE TABLE directory (
    name_key   TEXT    PRIMARY KEY,          -- the name folded with Locale.ROOT (RoomNames.key)
    name       TEXT    NOT NULL,             -- as it was made
    address    TEXT    NOT NULL,             -- the multicast group, dotted quad in 239.0.0.0/8
    port       INTEGER NOT NULL CHECK (port BETWEEN 1024 AND 65535),
    room_ref   INTEGER NOT NULL REFERENCES rooms (ref),
    created_at INTEGER NOT NULL,             -- epoch milliseconds, UTC
    UNIQUE (address, port)
);
