-- Rooms keep their ref for life: AUTOINCREMENT never hands out a ref that was used before.
CREATE TABLE rooms (
    ref        INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL UNIQUE,  -- the name folded with Locale.ROOT (RoomNames.key)
    created_at INTEGER NOT NULL          -- epoch milliseconds, UTC
);

-- One row per message said in a room, announcements included; never one per recipient.
CREATE TABLE messages (
    id       INTEGER PRIMARY KEY,        -- assigned by the core, increasing in room order
    room_ref INTEGER NOT NULL REFERENCES rooms (ref),
    sent_at  INTEGER NOT NULL,           -- epoch milliseconds, UTC
    author   TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('CHAT', 'JOIN', 'LEAVE')),
    text     TEXT    NOT NULL
);

CREATE INDEX messages_by_room ON messages (room_ref, id);
